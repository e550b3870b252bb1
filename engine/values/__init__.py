"""The values the runtime works with: card values parsed from what people type, client facts,
the potential, durations, colours, and the client snapshot itself.

These sit below the store and the runtime and know only the model.
"""
