"""Reading other formats into a journal: jrnl's JSON, Markdown folders, eftertanke exports.

Pure reading builds an ``ImportPlan``; ``apply_plan`` writes it. No Textual here.
"""
