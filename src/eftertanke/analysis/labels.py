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
        "da": "Hver celle: respondentens ord / forskerens egne [kodninger af hele indlæg]. Respondentens ord: kodede passager i respondentens ture i transskriptionen og citater. Forskerens egne: kodede passager i refleksioner og i interviewerens ture. Delsummer og totaler tæller hver passage én gang; CSV og JSON giver hver slags for sig.",
        "en": "Each cell: the respondent's words / the researcher's own [whole-entry codings]. The respondent's words: coded passages of respondents' transcript turns, and excerpts. The researcher's own: coded passages of reflections and of the interviewer's turns. Subtotals and totals count each passage once; CSV and JSON give every kind apart.",
    },
    "matrix_empty": {
        "da": "Intet er kodet under et interview endnu: kod passager i refleksioner eller transskriptioner.",
        "en": "Nothing is coded under an interview yet: code passages of reflections or transcripts.",
    },
    "matrix_items_empty": {"da": "Intet bag denne celle.", "en": "Nothing behind this cell."},
    "matrix_items": {"da": "{theme} · {interview}: {n}", "en": "{theme} · {interview}: {n}"},
    "excerpt": {"da": "Citat", "en": "Excerpt"},
    "passage": {"da": "Refleksion", "en": "Reflection"},
    "whole_entry": {"da": "Hele indlægget", "en": "Whole entry"},
    "respondent_turn": {"da": "Respondent", "en": "Respondent"},
    "interviewer_turn": {"da": "Interviewer", "en": "Interviewer"},
    "transcript": {"da": "Transskription", "en": "Transcript"},
    "transcript_words": {"da": "Ord i transskr.", "en": "Transcript words"},
    "reflection_words": {"da": "Ord i refl.", "en": "Reflection words"},
    "under_review": {"da": "til gennemsyn", "en": "under review"},
    "body": {"da": "brødtekst", "en": "body"},
    # coverage
    "coverage_title": {"da": "Begrebsdækning pr. interview", "en": "Concept coverage by interview"},
    "coverage_legend": {
        "da": "Pr. begreb: andel af refleksionernes ord, der er kodet / andel af transskriptionens ord, der er kodet (– ingen transskription). Uberørt: ingen kodet passage, kodning af hele indlægget eller citat under begrebet.",
        "en": "Per concept: share of the reflections' words coded / share of the transcript's words coded (– no transcript). Untouched: no coded passage, whole-entry coding or excerpt under the concept.",
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
        "da": "Par af temaer, der mødes: på samme passage, citat eller hele indlæg, eller på passager, der overlapper eller ligger op ad hinanden i samme kilde. Sammen tæller stederne, stærkeste først; andel: den del af de to temaers passager, der møder det andet tema.",
        "en": "Pairs of themes that meet: on the same passage, excerpt or whole entry, or on passages that overlap or are adjacent in the same source. Together counts the places, strongest first; share: the part of the two themes' passages that meet the other theme.",
    },
    "cooccurrence_empty": {
        "da": "Ingen temaer optræder sammen endnu: kod en passage med to temaer, eller kod passager, der overlapper eller ligger op ad hinanden.",
        "en": "No themes appear together yet: code a passage with two themes, or code passages that overlap or are adjacent.",
    },
    "theme_a": {"da": "Tema A", "en": "Theme A"},
    "theme_b": {"da": "Tema B", "en": "Theme B"},
    "together": {"da": "Sammen", "en": "Together"},
    "in_reflections": {"da": "I refleksioner", "en": "In reflections"},
    "in_transcripts": {"da": "I transskriptioner", "en": "In transcripts"},
    "in_excerpts": {"da": "I citater", "en": "In excerpts"},
    "in_whole": {"da": "Hele indlæg", "en": "Whole entries"},
    "share": {"da": "Andel", "en": "Share"},
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
        "da": "Grundlag: {entries} indlæg ({reflections} refleksioner efter interview) og {transcripts} transskriptioner; {reflection} kodede passager i refleksioner, {transcript} i transskriptioner, {whole} kodninger af hele indlæg og {excerpts} citater.",
        "en": "Based on {entries} entries ({reflections} post-interview reflections) and {transcripts} transcripts; {reflection} coded passages in reflections, {transcript} in transcripts, {whole} whole-entry codings and {excerpts} excerpts.",
    },
    "report_method": {
        "da": "Sådan tælles der",
        "en": "How things are counted",
    },
    "rule_passage": {
        "da": "**Kodet passage.** Én kodning: et udsnit af et svar eller af brødteksten i en refleksion, eller af et interviews transskription, kodet med et eller flere temaer. En passage kodet med to temaer tælles én gang under hvert tema og én gang i et begrebs delsum og i totalerne.",
        "en": "**Coded passage.** One coding: a span of an answer or of the body of a reflection, or of an interview's transcript, coded with one or more themes. A passage coded with two themes counts once under each theme, and once in a concept's subtotal and in the totals.",
    },
    "rule_whole": {
        "da": "**Kodning af hele indlægget.** Et tema på et indlæg som helhed (sådan som al kodning var, før passager kunne kodes) tæller som én kodning af hele indlægget pr. tema, vist for sig i klammer. Den fordeles ikke over indlæggets svar, giver ingen kodede ord og mødes kun med de andre temaer på hele indlægget.",
        "en": "**Whole-entry coding.** A theme on an entry as a whole (as all coding was before passages could be coded) counts as one whole-entry coding of the entry per theme, shown apart in brackets. It is not spread over the entry's answers, adds no coded words, and meets only the entry's other whole-entry themes.",
    },
    "rule_whose": {
        "da": "**Hvis ord.** Respondentens ord er kodede passager i transskriptionen, der rører en tur talt af en respondent, og citater skrevet ind i en refleksion. Forskerens egne ord er kodede passager i refleksioner og kodede passager, der ligger helt i interviewerens ture: interviewerens spørgsmål og opsummeringer var med til at forme, hvad der blev sagt. En passage hører til sin transskriptions eller sit indlægs interview, et citat til det interview, det citerer.",
        "en": "**Whose words.** The respondent's words are coded transcript passages that touch a turn spoken by a respondent, and excerpts typed into a reflection. The researcher's own words are coded passages of reflections, and coded transcript passages lying wholly in the interviewer's turns: the interviewer's questions and summaries helped shape what was said. A passage belongs to the interview of its transcript or its entry, an excerpt to the interview it quotes.",
    },
    "rule_coverage": {
        "da": "**Dækning** måles i ord: andelen af en kildes ord, der er kodet under et begreb (eller tema). Kilderne er et interviews refleksioner (svar og brødtekst i de tilknyttede indlæg) og dets transskription (ordene i alle ture, ikke tidspunkter og talernavne). Et ord tæller, når blot ét af dets tegn er kodet, og kun én gang, hvor ofte det end er kodet. Ord er mellemrumsadskilte ord.",
        "en": "**Coverage** is measured in words: the share of a source's words coded under a concept (or theme). The sources are an interview's reflections (the answers and bodies of the linked entries) and its transcript (the words of all turns, not times or speaker names). A word counts when any of its characters is coded, and once however often it is coded. Words are whitespace-separated words.",
    },
    "rule_cooccurrence": {
        "da": "**Temaer sammen.** To temaer mødes, hvor én passage, ét citat eller ét helt indlæg er kodet med begge, eller hvor en passage kodet med det ene overlapper eller ligger op ad en passage kodet med det andet i samme kilde (ét svar, én brødtekst, én transskription). Op ad hinanden: i en refleksion højst {sentences} sætningsslut eller linjeskift og højst {chars} tegn imellem; i en transskription i samme eller næste tur. »Sammen« tæller stederne; andelen er den del af de to temaers passager, der møder det andet tema.",
        "en": "**Themes together.** Two themes meet where one passage, excerpt or whole entry is coded with both, or where a passage coded with one overlaps or is adjacent to a passage coded with the other in the same source (one answer, one body, one transcript). Adjacent: in a reflection, at most {sentences} sentence end or line break and at most {chars} characters between them; in a transcript, in the same or the next turn. Together counts the places; the share is the part of the two themes' passages that meet the other theme.",
    },
    "rule_review": {
        "da": "**Til gennemsyn.** En kodning, hvis ord er redigeret væk, tæller i matricen og i temaoversigterne (markeret), men ikke i dækning eller temaer sammen, som kræver dens plads i teksten.",
        "en": "**Under review.** A coding whose words were edited away counts in the matrix and the digests (marked), but not in coverage or co-occurrence, which need its place in the text.",
    },
    "rule_balance": {
        "da": "**Refleksiv balance** tæller ordene i hvert besvaret spørgsmål efter spørgsmålets orientering (respondenten, skribenten selv, metoden); brødteksten er uden angivelse.",
        "en": "**Reflexive balance** counts the words of each answered prompt by the prompt's orientation (the respondent, the writer, method); the body is unspecified.",
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
