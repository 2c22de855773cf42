"""The PDF compendium: the collection, or a selection of it, as one printable, tagged PDF in
a site language (`caseshelf pdf`, `make pdf`). Nothing here knows MkDocs."""
