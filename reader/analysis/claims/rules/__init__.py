"""The claim rules: each module finds one shape of attribution."""
