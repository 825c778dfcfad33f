# Benchmarks: `make bench` builds and runs them; each prints its figures.
