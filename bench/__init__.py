"""Benchmarks: `make bench` (python -m bench) runs every module here that defines `run()`.

Each prints its own figures (throughput, memory). Targets are checked by reading them, never by
timed unit tests. Benchmarks that need ../shared say so and skip when it is missing.
"""
