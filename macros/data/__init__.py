"""Read and check the data files: YAML that remembers the line of every value, the shape of
each file (`schema`), checks across files (`crosscheck`), plain explanations of YAML slips
(`yamlhints`), the interface strings' contract (`interface`) and JSON Schemas for editors'
YAML plugins (`jsonschemas`). Works on plain values; knows nothing of the model or pages."""
