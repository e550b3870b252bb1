"""The commands: one write transaction each, version checks, idempotent replays, errors with stable kinds."""
