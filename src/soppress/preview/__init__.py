"""soppress pratinjau: a live preview of the project in the browser (docs/preview.md)."""
