"""Pictures in answers: a bounded, credential-free download and a size-limited disk cache."""
