"""The inbox of updates from Telegram: stored first, handled once, each person in order."""
