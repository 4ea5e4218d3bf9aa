"""The intake conversation as plain domain code: inputs in, an Outcome (texts and buttons) out.

Nothing here imports `telegram`; handlers/ translate updates into inputs and outcomes into
messages.
"""
