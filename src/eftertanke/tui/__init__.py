"""The Textual app. The only package in eftertanke that imports Textual."""
