"""The runtime: client facts, requirements and the funnel machine (one per regulation version)."""
