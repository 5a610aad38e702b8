"""The chat pane's message view (`ChatView`) and what it is made of."""
