"""Importing clients and sales from 1C and Excel exports."""
