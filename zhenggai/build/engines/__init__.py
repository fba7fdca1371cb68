"""Adapters between a documentation engine and the build: the only code that imports one."""
