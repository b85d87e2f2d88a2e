"""Pure domain: dataclasses, enums, normalisation and errors. Knows neither Qt nor SQL."""
