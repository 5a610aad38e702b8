"""Signing in to Coze with OAuth (device code), the signed-in account's tokens, and which credential is active."""
