"""Turning a unit's own files (Word notices) into draft data files for `zhenggai import`."""
