"""Text stage: cleaning, sentences and dates."""
