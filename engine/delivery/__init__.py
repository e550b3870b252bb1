"""Delivering events to webhook subscriptions: signing (Standard Webhooks), sending with
time-outs, retrying with back-off, and the worker loop (``reglament deliver``)."""
