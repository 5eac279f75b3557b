"""What editors and the pull-request workflow run: `check` (every problem at its line),
`fmt` (house layout, fingerprints), `accept` (English that still matches), `datadiff` (what
changed, as the site writes it) and `suggestions` (the tidy step as review suggestions)."""
