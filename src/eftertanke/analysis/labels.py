"""The analysis views' words in Danish and English (command line, report, TUI)."""

from __future__ import annotations

from eftertanke.domain import CONCEPT_NAMES

WORDS: dict[str, dict[str, str]] = {
    "theme": {"da": "Tema", "en": "Theme"},
    "interview": {"da": "Interview", "en": "Interview"},
    "total": {"da": "I alt", "en": "Total"},
    "uncategorised": {"da": "Uden begreb", "en": "Uncategorised"},
    "concept": {"da": "Begreb", "en": "Concept"},
    "excerpts": {"da": "Citater", "en": "Excerpts"},
    "passages": {"da": "Refleksionspassager", "en": "Reflection passages"},
    "reflections": {"da": "Refleksioner", "en": "Reflections"},
    "words": {"da": "Ord", "en": "Words"},
    "general": {"da": "Generelt", "en": "General"},
    "untouched": {"da": "Uberørt", "en": "Untouched"},
    "no_interviews": {"da": "Ingen interviews endnu.", "en": "No interviews yet."},
    "single_interview": {
        "da": "Kun ét interview ({code}) indtil videre: sammenligninger på tværs af interviews viser sig, når der er flere.",
        "en": "Only one interview ({code}) so far: comparisons across interviews will show once there are more.",
    },
    # matrix
    "matrix_title": {"da": "Temaer × interviews", "en": "Themes × interviews"},
    "matrix_legend": {
        "da": "Hver celle: citater/refleksionspassager – respondentens ord og forskerens egne refleksioner holdes adskilt. Delsummer og totaler tæller hvert citat og hver passage én gang.",
        "en": "Each cell: excerpts/reflection passages – the respondent's words and the researcher's own reflections kept apart. Subtotals and totals count each excerpt and passage once.",
    },
    "matrix_empty": {
        "da": "Ingen temaer er knyttet til interviews endnu: tag refleksioner eller citater med temaer.",
        "en": "No themes are linked to interviews yet: tag reflections or excerpts with themes.",
    },
    "matrix_items_empty": {"da": "Intet bag denne celle.", "en": "Nothing behind this cell."},
    "matrix_items": {"da": "{theme} · {interview}: {n}", "en": "{theme} · {interview}: {n}"},
    "excerpt": {"da": "Citat", "en": "Excerpt"},
    "passage": {"da": "Refleksion", "en": "Reflection"},
    "body": {"da": "brødtekst", "en": "body"},
    # coverage
    "coverage_title": {"da": "Begrebsdækning pr. interview", "en": "Concept coverage by interview"},
    "coverage_legend": {
        "da": "Pr. begreb: ord i refleksionerne (andel af alle refleksionens ord) / citater. Uberørte begreber har hverken ord eller citater.",
        "en": "Per concept: words in the reflections (share of all the reflection's words) / excerpts. Untouched concepts have neither words nor excerpts.",
    },
    "coverage_empty": {"da": "Ingen interviews endnu.", "en": "No interviews yet."},
    "coverage_gaps": {
        "da": "{n} interview(s) har mindst ét uberørt begreb.",
        "en": "{n} interview(s) leave at least one concept untouched.",
    },
    "coverage_no_gaps": {
        "da": "Alle interviews berører alle fire begreber.",
        "en": "Every interview touches all four concepts.",
    },
    "no_material": {"da": "intet materiale endnu", "en": "no material yet"},
    # co-occurrence
    "cooccurrence_title": {"da": "Temaer der optræder sammen", "en": "Themes that appear together"},
    "cooccurrence_legend": {
        "da": "Par af temaer på samme indlæg eller samme citat, stærkeste først. Jaccard: andelen af de enheder med et af temaerne, hvor begge er.",
        "en": "Pairs of themes on the same entry or the same excerpt, strongest first. Jaccard: the share of units carrying either theme that carry both.",
    },
    "cooccurrence_empty": {
        "da": "Ingen temaer optræder sammen endnu: et indlæg eller citat skal have mindst to temaer.",
        "en": "No themes appear together yet: an entry or excerpt needs at least two themes.",
    },
    "theme_a": {"da": "Tema A", "en": "Theme A"},
    "theme_b": {"da": "Tema B", "en": "Theme B"},
    "together": {"da": "Sammen", "en": "Together"},
    "in_entries": {"da": "I indlæg", "en": "In entries"},
    "in_excerpts": {"da": "I citater", "en": "In excerpts"},
    "jaccard": {"da": "Jaccard", "en": "Jaccard"},
    # timeline
    "timeline_title": {"da": "Trivsel over tid", "en": "Well-being over time"},
    "timeline_daily": {"da": "Pr. dag", "en": "By day"},
    "timeline_weekly": {"da": "Pr. uge", "en": "By week"},
    "timeline_legend": {
        "da": "Gennemsnit af de daglige vurderinger (1–5). Balance = ressourcer − krav (krav-ressource-modellen): over 0 opvejer ressourcerne kravene.",
        "en": "Means of the daily ratings (1–5). Balance = resources − demands (the job demands–resources view): above 0, resources outweigh demands.",
    },
    "timeline_empty": {"da": "Ingen vurderinger i perioden.", "en": "No ratings in this period."},
    "timeline_span": {
        "da": "{entries} vurderede indlæg på {days} dage, {first} – {last}.",
        "en": "{entries} rated entries on {days} days, {first} – {last}.",
    },
    "day": {"da": "Dag", "en": "Day"},
    "week": {"da": "Uge", "en": "Week"},
    "energy": {"da": "Energi", "en": "Energy"},
    "demands": {"da": "Krav", "en": "Demands"},
    "resources": {"da": "Ressourcer", "en": "Resources"},
    "safety": {"da": "Tryghed", "en": "Safety"},
    "wellbeing": {"da": "Trivsel", "en": "Well-being"},
    "balance": {"da": "Balance", "en": "Balance"},
    "mean": {"da": "Gns.", "en": "Mean"},
    "chart_alt": {"da": "Trivsel over tid pr. uge", "en": "Well-being over time by week"},
    # reflexive balance
    "balance_title": {"da": "Refleksiv balance", "en": "Reflexive balance"},
    "balance_legend": {
        "da": "Andel af refleksionens ord skrevet om respondenten, om skribenten selv, om metoden og uden angivelse (spørgsmålenes orientering). ◆ markerer en refleksion, hvor selvskrivningen fylder mere end resten tilsammen – en anledning til at se efter, ikke en dom.",
        "en": "Share of each reflection's words written about the respondent, about the writer themself, about method, and unspecified (from the prompts' orientation). ◆ marks a reflection where self-writing outweighs the rest together: a reason to look again, not a verdict.",
    },
    "balance_empty": {
        "da": "Ingen refleksioner efter interviews endnu.",
        "en": "No post-interview reflections yet.",
    },
    "balance_project": {
        "da": "Hele projektet: {respondent} om respondenter, {self} om skribenten selv, {method} om metode, {unspecified} uden angivelse ({words} ord).",
        "en": "Across the project: {respondent} about respondents, {self} about the writer, {method} about method, {unspecified} unspecified ({words} words).",
    },
    "balance_flagged": {
        "da": "{n} refleksion(er) handler mest om skribenten selv – måske værd at se på, hvor respondentens stemme er.",
        "en": "{n} reflection(s) are mostly about the writer – perhaps worth a look at where the respondent's voice is.",
    },
    "balance_none_flagged": {
        "da": "Ingen refleksion domineres af selvskrivning.",
        "en": "No reflection is dominated by self-writing.",
    },
    "balance_minutes": {
        "da": "Skrevet i median {minutes} min. efter interviewet.",
        "en": "Written a median {minutes} min after the interview.",
    },
    "written": {"da": "Skrevet", "en": "Written"},
    "title": {"da": "Titel", "en": "Title"},
    "respondent": {"da": "Respondent", "en": "Respondent"},
    "self": {"da": "Selv", "en": "Self"},
    "method": {"da": "Metode", "en": "Method"},
    "unspecified": {"da": "Uangivet", "en": "Unspecified"},
    "minutes_after": {"da": "Min. efter", "en": "Min after"},
    "flag": {"da": "Markering", "en": "Flag"},
    "self_heavy": {"da": "◆ mest om skribenten", "en": "◆ mostly about the writer"},
    "added_later": {"da": "Tilføjet senere", "en": "Added later"},
    # report
    "report_title": {
        "da": "Analyse af refleksionsjournalen",
        "en": "Analysis of the reflection journal",
    },
    "report_generated": {
        "da": "Dannet {date} af eftertanke.",
        "en": "Generated {date} by eftertanke.",
    },
    "report_period": {"da": "Periode: {period}.", "en": "Period: {period}."},
    "report_all_time": {"da": "hele journalen", "en": "the whole journal"},
    "report_interviews": {"da": "Interviews: {codes}.", "en": "Interviews: {codes}."},
    "report_entries": {
        "da": "Grundlag: {entries} indlæg, {reflections} refleksioner efter interview, {excerpts} citater.",
        "en": "Based on {entries} entries, {reflections} post-interview reflections and {excerpts} excerpts.",
    },
    "report_method": {
        "da": "Sådan tælles der",
        "en": "How things are counted",
    },
    "report_method_text": {
        "da": "En refleksionspassage er ét besvaret spørgsmål i en refleksion (eller brødteksten). Den hører til det interview, indlægget er knyttet til, og til indlæggets temaer – dog ikke til temaer under et andet begreb end spørgsmålets. Citater er respondentens ord og tælles altid for sig, under deres egne temaer. Ord er mellemrumsadskilte ord.",
        "en": "A reflection passage is one answered prompt of a reflection (or its body). It belongs to the interview its entry is linked to and to the entry's themes, except themes under another concept than its prompt's. Excerpts are the respondent's words and are always counted apart, under their own themes. Words are whitespace-separated words.",
    },
    "report_timeline_scope": {
        "da": "Trivselskurverne bygger på alle vurderede indlæg i perioden (interviewvalget gælder dem ikke).",
        "en": "The well-being series use every rated entry in the period (the choice of interviews does not apply to them).",
    },
}


def w(key: str, lang: str, **values: object) -> str:
    texts = WORDS.get(key)
    text = (texts.get(lang) or texts.get("en") or key) if texts else key
    return text.format(**values) if values else text


def concept_label(concept: str, lang: str) -> str:
    if concept in CONCEPT_NAMES:
        return CONCEPT_NAMES[concept][lang if lang in ("da", "en") else "en"]
    return w("uncategorised", lang)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"
