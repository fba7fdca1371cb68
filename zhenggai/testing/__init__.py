"""Scaffolding for the tests and the benchmark, never used by the product (as `numpy.testing`).

`static_server` serves a built site on loopback (with byte ranges, optionally gzip),
`search_site` writes a bare search site from generated documents, `local_cluster` starts
`dask scheduler` and `dask worker` processes on 127.0.0.1. Both `tests/` and `scripts/` use
them, so they live in the package rather than in `tests/support/` (which `scripts/` never
imports); `.importlinter` puts this folder above `cli`, so no module of the product can import it.
"""
