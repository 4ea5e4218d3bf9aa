"""The intake conversation as plain domain code: inputs in, an Outcome (texts named, buttons) out.

Nothing here imports `telegram`, the catalogue or the views: handlers/ turn updates into inputs,
views/intake.py lays an outcome out for a reader, and the little the conversation needs of the
texts comes through the port in ports.py.
"""
