"""Benchmarks: each figure with the ceiling it is compared to, measured in the same run."""
