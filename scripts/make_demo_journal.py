#!/usr/bin/env python3
"""Write the demo journal (``journals/demo``): a small research project, invented.

Two municipal leaders, Mette (a nursing-home leader) and Jonas (a
residential-care leader), interview six managers on three levels in two
departments, write a reflection after most interviews with the
post-interview pack, import the six transcripts (scripts/demo_transcripts.py),
code passages of the reflections' answers and of the transcripts with the
starter codebook plus a few sub-themes (scripts/demo_codings.py; some
overlap, a few carry memos), carry the reflections' open questions forward
(scripts/demo_questions.py: some answered by a later reflection, one
dropped), keep a positionality register (scripts/demo_reflexivity.py: four
pre-understandings, some challenged or confirmed by reflections' passages, and
a dated layer of re-reading on the reflection on I01), write analytic memos,
keep self-as-data after Chang (one entry of
each data type, scripts/demo_selfdata.py: a chronology of life events, an
inventory of values, a self-observation, a self-reflection), and Mette keeps
six weeks of daily check-ins through a hard stretch and out of it. The quotes a
reflection cites with a time are said in the transcript at that time, so
they link both ways. Everything is written for eftertanke; nothing is
copied from the thesis.

The output is deterministic: fixed dates (Europe/Copenhagen), UUIDs derived
from names (uuid5), a clock set by hand for the times the store stamps itself,
and a seeded random generator for the minutes of writing. Running the script
twice gives byte-identical data files.

    python scripts/make_demo_journal.py                 # writes journals/demo
    python scripts/make_demo_journal.py --out /tmp/demo

The target is replaced only if it is an eftertanke journal or empty.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from demo_codings import REFLECTION_CODINGS, TRANSCRIPT_CODINGS, TRANSCRIPT_FILES
from demo_questions import demo_questions
from demo_reflexivity import demo_reflexivity, position_entries
from demo_selfdata import SELF_DATA
from demo_transcripts import TRANSCRIPTS

from eftertanke import domain
from eftertanke.domain import RATING_KEYS, Coding, Entry, Excerpt, Interview, Section, Theme
from eftertanke.packs import load_builtin_packs, starter_themes
from eftertanke.services.writing import minutes_after
from eftertanke.store import layout
from eftertanke.store import manifest as manifest_module
from eftertanke.store.journal import Journal
from eftertanke.store.lock import LOCK_NAME
from eftertanke.store.storage import MIRROR_SUFFIX
from eftertanke.transcript import Transcript, Turn

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "journals" / "demo"
SEED = 20260316
TZ = ZoneInfo("Europe/Copenhagen")
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "demo.eftertanke.invalid")
# The store stamps the journal's meta file (and any update) with "now"; the
# demo's clock stands still at the end of the six weeks.
CLOCK = datetime(2026, 3, 29, 22, 0, tzinfo=TZ)
GITIGNORE = """\
# eftertanke writes these while the demo journal is used; they are not the demo.
.lock
backups/
drafts/
*.mirror
manifest.json
"""

METTE = "Mette"
JONAS = "Jonas"


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def at(day: str, hm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hm}").replace(tzinfo=TZ)


def stamp(when: str) -> datetime:
    """``"2026-03-20 09:10"`` in Copenhagen."""
    day, hm = when.split()
    return at(day, hm)


class Clock:
    """The store's "now" while the demo is written: it stands still, moved by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def freeze(clock: Clock) -> list[tuple[Any, Any]]:
    """Point every loaded eftertanke module's ``now`` at ``clock``; returns what
    to put back. The store stamps records with ``now`` in several modules."""
    real = domain.now
    patched = []
    for name, module in list(sys.modules.items()):
        if name.startswith("eftertanke") and getattr(module, "now", None) is real:
            patched.append((module, real))
            module.now = clock
    return patched


# --- themes ----------------------------------------------------------------------

CODEBOOK_ADDED = at("2026-02-12", "09:15")

# (name, parent, concept, description, author, added)
SUB_THEMES = [
    (
        "Den heroiske leder",
        "Ansvar som tung byrde",
        "frames",
        "Lederen, der står i stormen for andre og betaler prisen selv.",
        JONAS,
        at("2026-03-05", "14:18"),
    ),
    (
        "Tavshed opad i hierarkiet",
        "Farlig tavshed",
        "safety",
        "Det, lederen ikke siger til sin egen chef eller direktion, især om sig selv.",
        JONAS,
        at("2026-03-05", "14:19"),
    ),
    (
        "Vikardækning og sygefravær",
        "Krav over for ressourcer",
        "wellbeing",
        "Hverdagens lappeløsninger, når der mangler hænder.",
        METTE,
        at("2026-02-23", "21:40"),
    ),
    (
        "God nok ledelse",
        "Supervision og sparring",
        "wellbeing",
        "At have lov til at være god nok og bede om sparring i stedet for at være helt.",
        METTE,
        at("2026-03-10", "10:25"),
    ),
]


# How the codebook changed over the six weeks, for its change log: two
# sub-themes began under another name or place, one was merged into a
# sibling, and one theme of the first codebook was deleted unused.
# First forms of SUB_THEMES (changed below); name -> what differed.
FIRST_FORMS: dict[str, dict[str, Any]] = {
    "Tavshed opad i hierarkiet": {"name": "Tavshed opad"},
    "Vikardækning og sygefravær": {"parent": None},
}
# Themes that did not last: (name, parent, concept, author, added).
PASSING_THEMES = [
    ("Tidspres", None, "wellbeing", METTE, at("2026-02-12", "09:20")),
    ("Ensomhed i lederrollen", "Ansvar som tung byrde", "frames", JONAS, at("2026-03-05", "14:22")),
]  # fmt: skip
# (when, who, change, theme, argument, reason), in time order.
CODEBOOK_CHANGES = [
    (
        at("2026-03-11", "08:40"), METTE, "rename", "Tavshed opad", "Tavshed opad i hierarkiet",
        "Efter I03: det er tavsheden over for direktion og egen chef, ikke tavshed i almindelighed.",
    ),
    (
        at("2026-03-13", "19:05"), METTE, "move", "Vikardækning og sygefravær",
        "Krav over for ressourcer",
        "En af de måder, kravene overstiger ressourcerne på; ikke et tema for sig.",
    ),
    (
        at("2026-03-19", "10:02"), METTE, "merge", "Ensomhed i lederrollen", "Den heroiske leder",
        "I02 og I03 viser samme mønster: ensomheden er prisen for at stå i stormen for andre.",
    ),
    (
        at("2026-03-26", "20:15"), METTE, "delete", "Tidspres", None,
        "Dækket af »Krav over for ressourcer«; ingen passager var kodet med det alene.",
    ),
]  # fmt: skip


# --- interviews --------------------------------------------------------------------

CONSENT = (
    "Skriftligt informeret samtykke modtaget {day}. Omtales ved funktionstitel; navn og "
    "arbejdssted anonymiseres. Obs: titlen kan være genkendelig i en lille kommune."
)

# The appendix numbers are those of the thesis the team is writing: the
# transcripts are appendices 3-8, the reflections 9-13 (cited as
# "(Bilag nr. 5, 9.45)" and "(Bilag nr. 9, refleksion efter interview)").
INTERVIEWS = [
    dict(
        code="I01", role="assisterende leder", level="assistant", organisation="Ældre og Sundhed",
        date=at("2026-03-03", "10:00"), interviewer=METTE, duration_minutes=32, status="coded",
        transcript="transcripts/I01.docx", consent_day="2026-02-24",
        notes="Respondenten sad på sit kontor på plejecentret; god forbindelse.",
        updated=at("2026-03-20", "14:30"), updated_by=METTE, appendix="3", reflection_appendix="9",
    ),
    dict(
        code="I02", role="plejehjemsleder", level="leader", organisation="Ældre og Sundhed",
        date=at("2026-03-05", "13:30"), interviewer=JONAS, duration_minutes=29, status="coded",
        transcript="transcripts/I02.docx", consent_day="2026-02-24",
        notes="Kort forsinkelse i starten; samtalen blev holdt inden for tiden.",
        updated=at("2026-03-21", "12:00"), updated_by=JONAS, appendix="4", reflection_appendix="10",
    ),
    dict(
        code="I03", role="afdelingschef", level="head", organisation="Ældre og Sundhed",
        date=at("2026-03-10", "09:00"), interviewer=METTE, duration_minutes=34,
        status="coded", transcript="transcripts/I03.docx", consent_day="2026-02-25",
        notes="Respondenten ønsker at se citaterne, før de bruges.",
        updated=at("2026-03-24", "15:00"), updated_by=METTE, appendix="5", reflection_appendix="11",
    ),
    dict(
        code="I04", role="assisterende afdelingsleder", level="assistant",
        organisation="Børn og Familie", date=at("2026-03-12", "14:00"), interviewer=JONAS,
        duration_minutes=22, status="coded", transcript="transcripts/I04.docx",
        consent_day="2026-02-26",
        notes="Respondenten sad i sin bil mellem to hjemmebesøg; samtalen blev kortere end planlagt.",
        updated=at("2026-03-25", "11:30"), updated_by=JONAS, appendix="6", reflection_appendix="12",
    ),
    dict(
        code="I05", role="leder af familiecenter", level="leader", organisation="Børn og Familie",
        date=at("2026-03-18", "10:30"), interviewer=METTE, duration_minutes=31,
        status="transcribed", transcript="transcripts/I05.vtt", consent_day="2026-02-26",
        notes="Optagelsen sendt til transskription 19. marts; transskriptionen kom retur 24. marts.",
        updated=at("2026-03-24", "16:05"), updated_by=METTE, appendix="7", reflection_appendix="13",
    ),
    dict(
        code="I06", role="afdelingschef", level="head", organisation="Børn og Familie",
        date=at("2026-03-26", "13:00"), interviewer=JONAS, duration_minutes=23, status="done",
        transcript="transcripts/I06.vtt", consent_day="2026-03-02",
        notes=(
            "Refleksionen er ikke skrevet endnu: Jonas havde et møde lige efter. Teams' "
            "automatiske transskription er hentet ind, men ikke rettet igennem."
        ),
        updated=at("2026-03-27", "08:35"), updated_by=JONAS, appendix="8", reflection_appendix="",
    ),
]  # fmt: skip


# --- post-interview reflections -------------------------------------------------------

# code -> author, minutes after the interview's end, answers by prompt id, the
# prompt added later (if any), excerpts (timestamp, quote, themes, note), themes.
REFLECTIONS: dict[str, dict[str, Any]] = {
    "I01": dict(
        author=METTE,
        after=13,
        answers={
            "impressions": (
                "En rolig og eftertænksom samtale. Hun tog sig tid, før hun svarede, og flere "
                "gange vendte hun tilbage til et tidligere svar for at nuancere det. Tempoet var "
                "langsommere, end jeg havde forventet, og det gav plads."
            ),
            "emotions": (
                "Jeg blev varm indeni, da hun fortalte om sine medarbejdere. Og lidt urolig, da "
                "hun sagde, at hun »bare tager det sidste selv«, når der mangler hænder. Det "
                "kender jeg alt for godt."
            ),
            "analysis": (
                "Drivkraften ser ud til at ligge i relationerne: at se medarbejdere vokse. Det "
                "passer med samhørighed i selvbestemmelsesteorien, men hun talte også meget om "
                "frihed til at vælge metode, så længe rammerne er klare. Måske hænger autonomi "
                "og struktur sammen hos hende på en måde, jeg ikke havde tænkt over."
            ),
            "q-drive": (
                "Energien kommer, »når vi lykkes sammen« – hun brugte netop de ord. Hun blev "
                "konkret med en historie om en beboer, der kom sig efter et fald, fordi hele "
                "holdet tog ejerskab. Jeg fik ikke svar på, hvad der giver hende energi, når "
                "det ikke lykkes."
            ),
            "q-frames": (
                "Tidspresset nævnte hun som et vilkår snarere end et problem. De eksterne krav "
                "(dokumentation, tilsyn) fylder, men hun beskrev dem som noget, hun »oversætter« "
                "for medarbejderne, så de giver mening på gulvet."
            ),
            "q-safety": (
                "Trygheden findes i den lille ledergruppe på centret. I kommunens store "
                "ledernetværk siger hun sjældent noget: der vil man helst ikke være den, der "
                "ikke kan finde ud af det."
            ),
            "q-wellbeing": (
                "Sparring med en kollega på samme niveau har virket. Hun ønsker sig faste rum "
                "til refleksion, ikke flere kurser."
            ),
            "own-role": (
                "Jeg nikkede meget, da hun talte om at tage det sidste selv, og sagde »det "
                "kender jeg«. Det kan have fået hende til at uddybe netop det spor og gå mindre "
                "ind i det, der gav energi. Jeg vil prøve at holde mine egne erfaringer mere "
                "tilbage."
            ),
            "not-asked": (
                "Jeg spurgte ikke til kompetence – om hun nogensinde tvivler på, om hun slår "
                "til. Det lå lige for, men jeg tror, jeg lod være, fordi jeg selv er usikker "
                "på det spørgsmål lige nu."
            ),
            "resonance": (
                "Det med at tage det sidste selv. Jeg gjorde det i går med en aftenvagt. Jeg "
                "skal holde det adskilt fra hendes fortælling, men det er svært ikke at høre "
                "mig selv i den."
            ),
            "quotes": (
                "9.45 »når vi lykkes sammen« – om hele holdet\n"
                "17.20 »I det store ledernetværk siger jeg ikke så meget«\n"
                "24.10 »oversætte kravene, så de giver mening på gulvet«"
            ),
            "leads": (
                "Spørg mere åbent til kompetence, også når det er ubehageligt. Lyt efter "
                "forskellen på den nære ledergruppe og de store fora."
            ),
            "ethics": (
                "Hun er en af få assisterende ledere i afdelingen, og historien om beboerens "
                "fald kan genkendes. Den skal skrives mere generelt."
            ),
        },
        added_later=None,
        excerpts=[
            ("9.45", "Det, der giver mig energi, er når vi lykkes sammen – når jeg kan se, at "
             "det er hele holdet, der har løftet det.", ["At lykkes sammen"], ""),
            ("17.20", "I det store ledernetværk siger jeg ikke så meget. Der vil man helst ikke "
             "være den, der ikke kan finde ud af det.", ["Skrøbelig tryghed i store fora"], ""),
            ("24.10", "Jeg ser det lidt som min opgave at oversætte kravene, så de giver mening "
             "på gulvet.", ["Pres og meningsskabelse"], ""),
        ],
        themes=["At lykkes sammen", "Tryghed i den nære ledergruppe", "Skrøbelig tryghed i store fora"],
    ),
    "I02": dict(
        author=JONAS,
        after=21,
        answers={
            "impressions": (
                "Energisk og direkte. Han svarede hurtigt og med mange eksempler, nærmest som om "
                "han havde ventet på at blive spurgt. Samtalen føltes kortere, end den var."
            ),
            "emotions": (
                "Jeg blev imponeret og lidt udmattet. Der var en stolthed i hans måde at tale om "
                "ansvar på, som jeg både beundrer og bliver bekymret over."
            ),
            "analysis": (
                "Han beskriver sig selv som den, der »står i stormen«, så medarbejderne kan "
                "arbejde i læ. Det ligner forestillingen om den heroiske leder. Pres og "
                "meningsskabelse hænger tæt sammen hos ham: presset giver mening, fordi han kan "
                "se, hvem han beskytter."
            ),
            "q-drive": (
                "Energien kommer af at gøre en forskel for beboerne og af at kunne løse det, "
                "ingen andre kan. Kompetence er tydeligt en drivkraft. Jeg fik ikke svar på, "
                "hvad der sker med energien, når han ikke kan løse det."
            ),
            "q-frames": (
                "Krav udefra – politiske beslutninger, tilsyn – beskriver han som vejr, man må "
                "klæde sig på til. Kravene indefra, fra hans egne medarbejdere, er dem, der gør "
                "ondt, fordi han ikke vil skuffe dem."
            ),
            "q-safety": (
                "Først sagde han, at han altid kan sige, hvad han mener. Senere fortalte han, at "
                "han aldrig har nævnt sin søvnløshed for sin chef. Der er forskel på at tale "
                "frit om sagerne og om sig selv."
            ),
            "q-wellbeing": (
                "Han ønsker sig en chef, der spørger ind – ikke til tal, men til ham. Han nævnte "
                "supervision, men som noget, »andre nok har mere brug for«."
            ),
            "own-role": (
                "Jeg opsummerede flere gange med »Hører jeg dig sige, at …?«, og han sagde ja "
                "hver gang. Jeg er usikker på, om det var, fordi jeg ramte rigtigt, eller fordi "
                "han er vant til at være enig, når tempoet er højt."
            ),
            "not-asked": (
                "Jeg spurgte ikke ind til søvnløsheden, selvom han selv nævnte den. Det føltes "
                "for privat i et interview, men det er måske netop der, trivslen ligger."
            ),
            "resonance": (
                "Jeg kender stoltheden ved at stå i stormen, og jeg kender prisen. Jeg skal "
                "passe på ikke at gøre hans fortælling til min."
            ),
            "surprises": (
                "At han lo, da jeg spurgte til psykologisk tryghed, og sagde, at det vel er "
                "noget, man giver, ikke noget, man får."
            ),
            "quotes": (
                "6.30 »Nogen skal stå i stormen« – om at skærme medarbejderne\n"
                "14.05 »Det har jeg aldrig sagt til min chef« – om søvnløsheden\n"
                "21.40 »Tryghed er vel noget, man giver, ikke noget, man får«"
            ),
            "leads": (
                "Skeln i spørgsmålet om tryghed mellem at tale frit om sagen og om sig selv."
            ),
        },
        added_later=None,
        excerpts=[
            ("6.30", "Nogen skal stå i stormen, så de andre kan arbejde i læ. Det er mig.",
             ["Den heroiske leder"], ""),
            ("14.05", "Det har jeg aldrig sagt til min chef. Hvorfor skulle jeg det?",
             ["Tavshed opad i hierarkiet"], "Om søvnløsheden."),
            ("21.40", "Tryghed er vel noget, man giver, ikke noget, man får.",
             ["Skyggen af psykologisk tryghed"], ""),
        ],
        themes=["Ansvar som tung byrde", "Pres og meningsskabelse", "Farlig tavshed"],
    ),
    "I03": dict(
        author=METTE,
        after=55,
        answers={
            "impressions": (
                "En erfaren chef, der talte meget åbent. Hun fortalte om et år, hvor hun kørte "
                "på reserverne, før hun sagde fra over for sin egen direktør. Stemningen var "
                "alvorlig, men ikke tung."
            ),
            "emotions": (
                "Jeg blev påvirket. Midt i samtalen mærkede jeg en klump i halsen og måtte "
                "kigge ned i mine noter. Jeg ventede en time med at skrive, fordi jeg havde "
                "brug for luft først, og jeg skriver det her for at kunne holde det adskilt "
                "fra analysen."
            ),
            "analysis": (
                "Hun skelner skarpt mellem krav udefra, som hun kan forholde sig til, og krav "
                "indefra organisationen – det, hun kalder de uskrevne forventninger til, hvad "
                "en chef kan bære. Måske er det her, tavsheden opstår: ikke fordi nogen forbyder "
                "at sige noget, men fordi normen er, at man kan klare det."
            ),
            "q-drive": (
                "Drivkraften er at kunne forme rammerne for andre ledere. Hun talte om mening "
                "snarere end om energi."
            ),
            "q-frames": (
                "Tidspres og ressourcer er et grundvilkår. Det svære er de politiske skift, hvor "
                "en beslutning vendes på en uge."
            ),
            "q-safety": (
                "I direktionen var der i lang tid ikke tryghed til at sige, at hun var ved at "
                "gå ned. Da hun gjorde det, blev hun mødt godt – men hun tøvede i et år. Hun "
                "kaldte det selv farlig tavshed. (Ordet kom fra hende, ikke fra mig.)"
            ),
            "q-wellbeing": (
                "Netværk med chefer i andre kommuner, hvor man ikke er i konkurrence. Og at "
                "ledere får lov til at være gode nok."
            ),
            "own-role": (
                "Jeg var mere tavs end i de andre interviews. Jeg tror, hendes åbenhed gjorde "
                "mig forsigtig, og det gav hende plads. Men jeg stillede ét ledende spørgsmål: "
                "»Så det var først, da du var helt tom, at du sagde noget?« – og hun tog mit "
                "ord »tom« med videre."
            ),
            "not-asked": (
                "Jeg spurgte ikke, hvad hun selv gør for at skabe tryghed for sine ledere. For "
                "mig, som selv er leder under en chef, var det for tæt på."
            ),
            "resonance": (
                "Meget. Jeg er selv i en periode, hvor jeg kører på reserverne, og jeg har ikke "
                "sagt det til nogen. Det står her, så det ikke sniger sig ind i min læsning af "
                "hendes svar."
            ),
            "quotes": (
                "9.45 »Jeg kørte på reserverne i et helt år«\n"
                "18.30 »Det var bare ikke noget, man sagde« – om direktionen og tavsheden\n"
                "27.15 »Vi skal have lov til at være gode nok«"
            ),
            "ethics": (
                "Hun fortalte om sit eget helbred. Det skal anonymiseres hårdt, og der er kun "
                "to afdelingschefer – titlen alene kan afsløre hende. Hun skal godkende "
                "citaterne."
            ),
        },
        added_later=None,
        excerpts=[
            ("9.45", "Jeg kørte på reserverne i et helt år, og jeg troede, det var en del af "
             "jobbet.", ["Ansvar som tung byrde"], ""),
            ("18.30", "Det var jo ikke, fordi nogen sagde, at jeg ikke måtte sige det. Det var "
             "bare ikke noget, man sagde.", ["Tavshed opad i hierarkiet"], ""),
            ("27.15", "Vi skal have lov til at være gode nok. Ikke helte.", ["God nok ledelse"], ""),
        ],
        themes=["Farlig tavshed", "Krav indefra og udefra organisationen", "Ansvar som tung byrde"],
    ),
    "I04": dict(
        author=JONAS,
        after=8,
        answers={
            "impressions": (
                "En travl samtale. Hun sad i bilen mellem to hjemmebesøg og var tydeligt presset "
                "på tid. Svarene var korte, men præcise."
            ),
            "emotions": (
                "Jeg blev selv stresset af hendes tempo og mærkede, at jeg skyndte mig igennem "
                "spørgsmålene."
            ),
            "q-drive": (
                "Børnene og familierne. Når en sag lykkes, kan hun leve på det i en uge. "
                "Autonomien er stor i hverdagen, men hun har ingen indflydelse på budgettet."
            ),
            "q-frames": (
                "Sagsmængden og lovgivningen fylder. Krav udefra er tydelige; krav indefra – fra "
                "hendes leder og fra medarbejderne – er skiftende og uudtalte."
            ),
            "q-safety": (
                "Trygheden i teamet er høj, og hun er stolt af den. Opad er det sværere. Hun "
                "skelnede selv mellem at være den, der skaber tryghed, og den, der har brug for "
                "den."
            ),
            "q-wellbeing": (
                "Supervision, som socialrådgiverne har, men som lederne ikke har. »Vi giver "
                "supervision, men vi får den ikke.«"
            ),
            "own-role": (
                "Jeg skyndte mig, og det gjorde mine spørgsmål lukkede. Jeg sprang uddybningen "
                "over på to af spørgsmålene for at nå igennem. Materialet er tyndere end i de "
                "andre interviews, og det er min andel i det."
            ),
            "not-asked": (
                "Jeg spurgte ikke, hvordan det er at sidde i bilen mellem to besøg og tale om "
                "trivsel. Det ville have været et godt, konkret sted at begynde."
            ),
            "quotes": (
                "4.15 »Når en sag lykkes, kan jeg leve på det i en uge«\n"
                "12.30 »Men pengene bestemmer jeg ikke over«\n"
                "19.50 »Vi giver supervision, men vi får den ikke«"
            ),
            "leads": (
                "Book længere tid, og spørg, om respondenten kan sidde uforstyrret. Begynd med "
                "et konkret spørgsmål om dagen i dag."
            ),
        },
        added_later=None,
        excerpts=[
            ("4.15", "Når en sag lykkes, kan jeg leve på det i en uge.", ["At lykkes sammen"], ""),
            ("12.30", "Jeg bestemmer selv, hvordan jeg griber en sag an. Men pengene bestemmer "
             "jeg ikke over.", ["Autonomi som metodefrihed"], ""),
            ("19.50", "Vi giver supervision, men vi får den ikke.", ["Supervision og sparring"], ""),
        ],
        themes=["Supervision og sparring", "Autonomi som metodefrihed"],
    ),
    "I05": dict(
        author=METTE,
        after=14,
        answers={
            "impressions": (
                "En varm og reflekteret samtale. Hun har tydeligvis tænkt meget over tryghed og "
                "havde sit eget sprog for det."
            ),
            "emotions": (
                "Jeg gik fra samtalen med mere energi, end jeg kom med. Det er første gang i "
                "flere uger."
            ),
            "analysis": (
                "Hun taler om at bygge tryghed nedefra: hun viser først sin egen usikkerhed i "
                "personalegruppen, så andre tør. Det ligner autentisk ledelse, hvor man bevidst "
                "vælger, hvad man viser af sig selv. Men hun fortalte også om en medarbejder, "
                "der følte sig presset af netop den åbenhed – trygheden har en skygge."
            ),
            "q-drive": (
                "At se medarbejderne tage ansvar. »Jeg er bedst, når jeg gør mig selv mindre "
                "nødvendig.«"
            ),
            "q-frames": (
                "Struktur er for hende et fundament, ikke en begrænsning: faste mødetider, klare "
                "roller. Det giver frihed i hverdagen."
            ),
            "q-safety": (
                "Trygheden bygges nedefra og bliver sjældent mødt oppefra. I afdelingens "
                "ledergruppe er hun mere forsigtig."
            ),
            "q-wellbeing": (
                "Faste sparringsmøder med en ledelseskollega, og at have lov til at sige »det "
                "ved jeg ikke«."
            ),
            "own-role": (
                "Da hun spurgte, fortalte jeg kort om mine egne sidste uger. Det var et bevidst "
                "valg at svare, men det flyttede samtalen over mod mig i et par minutter. Jeg "
                "noterer det her, så det kan ses i analysen."
            ),
            "resonance": (
                "Det med at gøre sig selv mindre nødvendig. Det er præcis det, jeg har måttet "
                "lære de sidste uger, og jeg skal passe på ikke at læse hendes svar som en "
                "bekræftelse af min egen vej."
            ),
            "surprises": (
                "Først dagen efter slog det mig, at hun ikke én gang nævnte sin egen chef. "
                "Tilføjet senere, fra hukommelsen."
            ),
            "quotes": (
                "8.20 »Jeg bygger tryghed nedefra«\n"
                "15.40 »presset til at dele mere, end hun havde lyst til« – om medarbejderen\n"
                "22.05 »Jeg er bedst, når jeg gør mig selv mindre nødvendig«"
            ),
        },
        added_later="surprises",
        excerpts=[
            ("8.20", "Jeg bygger tryghed nedefra. Jeg viser først, at jeg heller ikke altid ved "
             "det.", ["Tryghed i den nære ledergruppe"], ""),
            ("15.40", "Der var en, der sagde, at hun følte sig presset til at dele mere, end hun "
             "havde lyst til.", ["Skyggen af psykologisk tryghed"], ""),
            ("22.05", "Jeg er bedst, når jeg gør mig selv mindre nødvendig.",
             ["Autonomi som metodefrihed"], ""),
        ],
        themes=["Skyggen af psykologisk tryghed", "Struktur som fundament", "Tryghed i den nære ledergruppe"],
    ),
}  # fmt: skip


# --- daily check-ins (Mette) -----------------------------------------------------------

# (day, time of writing, ratings energy/demands/resources/safety/wellbeing, answers, themes)
DAILY: list[tuple[str, str, tuple[int, int, int, int, int], dict[str, str], list[str]]] = [
    # Week 8: an ordinary week.
    ("2026-02-16", "20:40", (4, 3, 4, 4, 4), {
        "energy-gave": "Morgenmødet. Vi startede ugen med at fortælle hinanden én ting, der var gået godt i weekenden, og der blev grinet mere, end jeg havde regnet med.",
        "energy-took": "Tre timer med økonomiopfølgning i regnearket. Det er en del af jobbet, men det tager noget ud af mig at sidde så langt fra afdelingerne.",
        "lift": "At lukke regnearket en halv time før og gå en runde på første sal.",
    }, []),
    ("2026-02-17", "21:05", (3, 3, 4, 4, 4), {
        "energy-gave": "Samtale med Lone om hendes nye rolle som nøgleperson for demens. Hun voksede, mens hun talte.",
        "needs": "Autonomi: god, jeg lagde selv dagen. Kompetence: på hjemmebane. Samhørighed: lidt alene i ledelsen i dag, de andre var på kursus.",
        "voice": "Kunne tale frit med souschefen. Holdt lidt igen over for centerchefen i telefonen – ikke fordi noget var galt, mere af vane.",
    }, []),
    ("2026-02-18", "20:15", (4, 3, 3, 4, 4), {
        "energy-gave": "Finpudsede interviewguiden med Jonas. Det er godt at tænke højt med en, der kender det samme pres.",
        "demands-resources": "I balance. Normeringen holdt, og ingen meldte sig syge.",
    }, ["At lykkes sammen"]),
    ("2026-02-19", "21:30", (3, 4, 3, 3, 3), {
        "energy-took": "Ledermøde i centret, hvor det nye dokumentationskrav blev præsenteret som en færdig beslutning. Ingen spurgte, hvor tiden skal komme fra.",
        "voice": "Jeg sagde ikke noget på mødet. Jeg tog det bagefter med min nærmeste kollega ved printeren, hvilket nok siger noget.",
        "lift": "Ti minutter til spørgsmål, før beslutningen blev lagt frem som endelig.",
    }, ["Skrøbelig tryghed i store fora"]),
    ("2026-02-20", "15:50", (4, 3, 4, 4, 4), {
        "energy-gave": "Fredagskaffe i fællesstuen. Hr. Jensen fortalte om sin tid som bager, og to af de nye medarbejdere sad helt stille og lyttede.",
        "lift": "Ingenting – det var en god dag. Det skriver jeg ned, så jeg kan huske, at de findes.",
    }, []),
    ("2026-02-21", "10:20", (4, 2, 4, 4, 4), {
        "energy-gave": "Lang gåtur ved stranden. Jeg tænkte ikke på arbejde før ved frokosttid, og så kun kort.",
    }, []),
    # Week 9: sick leave, an inspection announced, savings in the same mail.
    ("2026-02-23", "21:45", (3, 4, 3, 4, 3), {
        "energy-took": "To sygemeldinger i dagvagten allerede kl. 6.30. Morgenen gik med telefonen i stedet for morgenmødet.",
        "demands-resources": "Kravene var de samme, ressourcerne to hænder færre. Vi fik det til at hænge sammen med vikarer, men ingen havde tid til at sidde ned hos beboerne.",
        "needs": "Kompetence: jeg ved, hvordan man løser en vagtplan. Men det føles ikke som ledelse, det føles som at lappe.",
    }, ["Vikardækning og sygefravær"]),
    ("2026-02-24", "20:50", (3, 4, 3, 4, 3), {
        "energy-gave": "Samtykkeerklæringerne fra de første respondenter er kommet retur. Det gør projektet virkeligt.",
        "energy-took": "Mere vikardækning. En pårørende var utilfreds med, at hendes mor ikke var kommet i bad.",
        "voice": "Over for teamlederne kunne jeg sige, at jeg også synes, det er for meget lige nu. Det lettede.",
    }, []),
    ("2026-02-25", "22:10", (2, 5, 2, 3, 2), {
        "energy-took": "Varsel om tilsyn i næste uge. Samtidig besked om, at vi skal finde besparelser på indkøb og vikarbudget. Det kom i samme mail.",
        "demands-resources": "Kravene steg på én dag, og ressourcerne faldt samme dag. Jeg sad længe i bilen på parkeringspladsen, før jeg kørte hjem.",
        "lift": "At nogen havde spurgt, hvordan jeg havde det med det, før de spurgte, hvornår handleplanen var klar.",
    }, ["Krav indefra og udefra organisationen", "Krav over for ressourcer"]),
    ("2026-02-26", "21:20", (3, 5, 2, 3, 2), {
        "energy-gave": "En ung social- og sundhedsassistent tilbød at tage en ekstra vagt, hvis det hjalp. Jeg blev rørt og sagde nej tak, for hun har selv brug for fri.",
        "energy-took": "Gennemgang af dokumentationen før tilsynet. Alt det, vi gør godt, står ingen steder.",
        "needs": "Autonomi er der næsten ikke. Tilsynets dagsorden bestemmer det hele.",
    }, []),
    ("2026-02-27", "16:30", (2, 4, 2, 3, 2), {
        "energy-took": "Jeg opdagede, at jeg havde svaret en medarbejder kort og afvisende i går. Jeg undskyldte i dag. Hun tog det fint, men jeg ærgrer mig.",
        "voice": "Jeg holdt for mig selv, hvor træt jeg er. Det føles forkert at sige højt, når personalet løber endnu stærkere.",
    }, ["Ansvar som tung byrde"]),
    ("2026-02-28", "11:00", (2, 3, 3, 4, 3), {
        "lift": "Søvn. Jeg sov ti timer og vågnede stadig træt.",
    }, []),
    # Week 10: the inspection, and the first interviews.
    ("2026-03-02", "21:55", (2, 5, 2, 3, 2), {
        "energy-took": "Forberedelse til tilsynet hele dagen. Tavlemødet blev aflyst for første gang i et halvt år.",
        "demands-resources": "Krav: alt for mange. Ressourcer: dem, der møder op, og de gør det godt. Men der er ingen luft.",
        "lift": "En kop kaffe, drukket siddende.",
    }, ["Krav over for ressourcer"]),
    ("2026-03-03", "20:30", (3, 5, 2, 4, 3), {
        "energy-gave": "Første interview i dag (I01). Det var mærkeligt opløftende at lytte en halv time til en anden leder tale om det, jeg selv står i. Jeg var ikke alene med det.",
        "energy-took": "Resten af dagen gik med at indhente den halve time.",
        "needs": "Samhørighed, helt klart – også selvom det var med en, jeg ikke kender.",
    }, ["Rum for refleksion over for hastighed"]),
    ("2026-03-04", "22:30", (2, 5, 2, 3, 2), {
        "energy-took": "Aftenvagten ringede kl. 21 om en beboer, der var faldet. Jeg vidste godt, at sygeplejersken havde styr på det, men jeg kunne ikke lade være med at køre derud.",
        "voice": "Jeg sagde til min mand, at det nok er for meget. Jeg har ikke sagt det på arbejdet.",
        "lift": "At stole på, at andre kan bære noget af det.",
    }, ["Ansvar som tung byrde"]),
    ("2026-03-05", "21:40", (1, 5, 2, 2, 2), {
        "energy-took": "Tilsynsbesøg. De var venlige og grundige, og vi fik to påbud om dokumentation. Det var forventeligt, men jeg tog det personligt.",
        "voice": "I opsamlingen med centerchefen sagde jeg, at det var gået fint. Det var ikke helt sandt. Jeg ville gerne have sagt, at jeg er bekymret for personalets trivsel, men rummet føltes ikke til det.",
        "lift": "Fem minutter alene efter tilsynet, før jeg skulle videre.",
    }, ["Tavshed opad i hierarkiet", "Krav indefra og udefra organisationen"]),
    ("2026-03-06", "16:10", (2, 4, 2, 3, 2), {
        "energy-gave": "Personalet samlede sig om påbuddene og lavede selv en plan for dokumentationen. Jeg skulle ikke bære den alene.",
        "energy-took": "Søvnen. Jeg vågnede kl. 4 og lå og skrev handleplan i hovedet.",
    }, ["At lykkes sammen"]),
    ("2026-03-08", "19:30", (2, 3, 3, 4, 2), {
        "energy-took": "Søndagsuroen kom allerede ved frokosttid.",
        "lift": "En plan for ugen, lavet fredag, i stedet for at tage den med hjem i hovedet.",
    }, []),
    # Week 11: the bottom, then asking for help.
    ("2026-03-09", "21:15", (2, 5, 2, 3, 2), {
        "energy-took": "Handleplan til tilsynet, budgetmøde og en personalesag på samme dag. Jeg spiste frokost foran skærmen.",
        "demands-resources": "Krav udefra og krav indefra på én gang, og ingen af dem kan vente.",
    }, ["Krav indefra og udefra organisationen"]),
    ("2026-03-10", "22:00", (1, 5, 1, 2, 1), {
        "energy-took": "Interviewet med afdelingschefen (I03) ramte mig. Hun beskrev, hvordan hun kørte på reserverne i et år, før hun sagde fra, og jeg kunne høre mig selv i hver sætning. Bagefter havde jeg svært ved at samle mig.",
        "voice": "Ingen steder i dag. Jeg fik ikke sagt noget til nogen.",
        "lift": "At tale med nogen, der ikke skal have noget af mig.",
    }, ["Ansvar som tung byrde", "Farlig tavshed"]),
    ("2026-03-11", "20:45", (2, 4, 3, 4, 3), {
        "energy-gave": "Jeg ringede til min chef og sagde, at jeg er ved at løbe tør. Hun sagde tak, fordi jeg sagde det, og vi aftalte sparring i morgen. Jeg havde forestillet mig, at det ville blive pinligt.",
        "voice": "Hos chefen, faktisk. Det overraskede mig.",
        "needs": "Kompetence: for første gang i lang tid tænkte jeg, at det at bede om hjælp også kan være en kompetence.",
    }, ["Supervision og sparring", "Tryghed i den nære ledergruppe"]),
    ("2026-03-12", "21:10", (3, 4, 3, 4, 3), {
        "energy-gave": "Sparringen. Vi aflyste to af mine faste møder frem til påske og fik en fast vikar i dagvagten i fire uger. Små ting, men det føltes som at få luft.",
        "demands-resources": "Kravene er de samme. Ressourcerne er lidt større, og det vigtigste: jeg står ikke alene med prioriteringen.",
        "lift": "Det skete faktisk i dag.",
    }, ["Supervision og sparring", "Krav over for ressourcer"]),
    ("2026-03-13", "16:05", (3, 4, 3, 4, 3), {
        "energy-gave": "Tavlemødet er tilbage. Det tog ti minutter, og bagefter vidste alle, hvem der gjorde hvad.",
        "needs": "Struktur giver mig frihed. Det lyder forkert, men sådan er det.",
    }, ["Struktur som fundament"]),
    ("2026-03-14", "10:45", (3, 2, 4, 4, 3), {
        "energy-gave": "Morgenmad med børnene og ingen telefon før kl. 11.",
    }, []),
    ("2026-03-15", "19:40", (3, 3, 3, 4, 3), {
        "energy-took": "Lidt søndagsuro, men mindre end sidste uge.",
        "lift": "Jeg har skrevet ugens tre vigtigste opgaver ned. Resten må vente.",
    }, []),
    # Week 12: recovery.
    ("2026-03-16", "21:00", (3, 4, 3, 4, 3), {
        "energy-gave": "Den faste vikar er kommet godt i gang. Beboerne kan lide hende.",
        "energy-took": "Budgetopfølgning igen. Besparelsen på vikarbudgettet er stadig ikke løst.",
        "demands-resources": "Tungt, men til at bære.",
    }, ["Vikardækning og sygefravær"]),
    ("2026-03-17", "20:20", (4, 3, 4, 4, 4), {
        "energy-gave": "Den ene sygemeldte er tilbage på nedsat tid. Hun kom forbi mit kontor og takkede for, at vi havde holdt kontakten.",
        "needs": "Samhørighed: stor i dag.",
    }, ["At lykkes sammen"]),
    ("2026-03-18", "21:35", (3, 4, 3, 4, 3), {
        "energy-gave": "Interview med familiecenterlederen (I05). Hun talte om at bygge tryghed nedefra, og det vil jeg gerne tænke mere over.",
        "energy-took": "Skrev refleksionen lige efter og kom for sent til mødet om medicinhåndtering. Nåede begge dele, men ikke godt.",
        "voice": "I ledergruppen sagde jeg, at jeg har haft det svært de sidste uger. To andre sagde det samme. Det havde jeg ikke vidst.",
    }, ["Tryghed i den nære ledergruppe"]),
    ("2026-03-19", "20:50", (4, 3, 4, 4, 4), {
        "energy-gave": "Jonas og jeg læste hinandens refleksioner. Han har set noget i I02, som jeg slet ikke havde opdaget.",
        "lift": "Mere tid til netop den slags.",
    }, ["Rum for refleksion over for hastighed"]),
    ("2026-03-20", "15:40", (4, 3, 4, 4, 4), {
        "energy-gave": "Handleplanen til tilsynet er sendt. Personalet skrev halvdelen af den.",
        "lift": "Jeg gik hjem kl. 15.30 uden dårlig samvittighed.",
    }, []),
    ("2026-03-21", "11:30", (4, 2, 4, 4, 4), {
        "energy-gave": "Havearbejde. Første dag med sol.",
    }, []),
    # Week 13: steadier, one wobble.
    ("2026-03-23", "20:40", (4, 3, 4, 4, 4), {
        "energy-gave": "Morgenmødet var fuldt, og der var overskud til at tale om en beboer, der er ved at sygne hen. Vi fik en plan.",
        "demands-resources": "I balance. Det har jeg ikke skrevet i en måned.",
    }, []),
    ("2026-03-24", "21:10", (4, 3, 4, 4, 4), {
        "needs": "Autonomi: jeg sagde nej til at være med i en arbejdsgruppe. Første gang i år.",
        "voice": "I det store ledermøde spurgte jeg, hvor tiden til dokumentationskravet skal komme fra. Der blev stille, men bagefter kom to og sagde tak.",
    }, ["Skrøbelig tryghed i store fora", "At være tro mod egne værdier"]),
    ("2026-03-25", "22:05", (3, 4, 3, 3, 3), {
        "energy-took": "En klage fra en pårørende over tonen i en telefonsamtale. Den skal tages alvorligt, og jeg blev ked af det på medarbejderens vegne.",
        "lift": "At have talt med medarbejderen i dag i stedet for i morgen.",
    }, []),
    ("2026-03-26", "20:30", (4, 3, 4, 4, 4), {
        "energy-gave": "God samtale med medarbejderen om klagen. Hun var lettet over, at jeg tog den med hende først.",
        "needs": "Kompetence: jeg vidste, hvad jeg skulle gøre, og gjorde det.",
    }, []),
    ("2026-03-27", "16:00", (4, 3, 4, 4, 5), {
        "energy-gave": "Vi fejrede, at en af de sygemeldte er tilbage på fuld tid. Kage og sang, og beboerne sang med.",
    }, ["At lykkes sammen"]),
    ("2026-03-28", "10:15", (4, 2, 4, 4, 4), {
        "energy-gave": "Lang morgen. Jeg læste en hel avis.",
    }, []),
    ("2026-03-29", "20:30", (4, 3, 4, 4, 4), {
        "energy-gave": "Jeg kiggede tilbage på de seks uger i dag. Det er tydeligt at se, hvornår kravene steg, og hvornår jeg fik hjælp. Godt, at det står skrevet.",
        "lift": "At have bedt om hjælp en uge før.",
    }, ["Supervision og sparring"]),
]  # fmt: skip


# --- memos and a weekly review ---------------------------------------------------------

MEMOS: list[dict[str, Any]] = [
    dict(
        key="tryghed-to-niveauer", author=METTE, created=at("2026-03-13", "20:30"),
        title="Tryghed på to niveauer", pack="memo", language="da",
        sections={
            "memo": (
                "I både I01 og I03 går der en skillelinje mellem den nære ledergruppe, hvor man "
                "kan tale frit, og de store fora, hvor man tier. Det er ikke helt det samme som "
                "Edmondsons teamniveau: lederen er på én gang medlem af en gruppe, der skal være "
                "tryg, og den, der skal skabe trygheden for andre. Måske opstår tavsheden netop "
                "i overgangen mellem de to roller."
            ),
            "memo-concept": (
                "Psykologisk tryghed – men der er også en forbindelse til rammerne: de store "
                "fora er der, hvor de eksterne krav bliver lagt frem."
            ),
            "memo-themes": (
                "Tryghed i den nære ledergruppe\nSkrøbelig tryghed i store fora\nFarlig tavshed"
            ),
        },
        body="",
        themes=["Tryghed i den nære ledergruppe", "Skrøbelig tryghed i store fora", "Farlig tavshed"],
        concepts=["safety"],
        excerpts=[
            ("I01", "17.20", "I det store ledernetværk siger jeg ikke så meget.",
             ["Skrøbelig tryghed i store fora"], "Sammenhold med I03, 18.30."),
            ("I03", "18.30", "Det var bare ikke noget, man sagde.", ["Tavshed opad i hierarkiet"], ""),
        ],
    ),
    dict(
        key="heroisk-leder", author=JONAS, created=at("2026-03-19", "21:00"),
        title="Den heroiske leder og prisen for at stå i stormen", pack=None, language="da",
        sections={},
        body=(
            "I02 og I03 taler begge om ansvar som noget, man bærer alene – I02 med stolthed, "
            "I03 med eftertanke, set et år bagud. I04 peger på det, der mangler: »Vi giver "
            "supervision, men vi får den ikke.«\n\n"
            "Det heroiske ideal ser ud til at gøre det svært at bede om sparring, fordi det at "
            "bede om hjælp bliver læst som et tegn på, at man ikke slår til. Mellons »god nok "
            "ledelse« kan være et modbillede, vi skal afprøve i analysen.\n\n"
            "Spørgsmål til materialet: Hvem i interviewene har faktisk fået sparring, og hvad "
            "skulle der til, før de bad om den?"
        ),
        themes=["Ansvar som tung byrde", "Den heroiske leder", "Supervision og sparring"],
        concepts=["frames", "wellbeing"],
        excerpts=[
            ("I02", "6.30", "Nogen skal stå i stormen, så de andre kan arbejde i læ.",
             ["Den heroiske leder"], ""),
            ("I04", "19.50", "Vi giver supervision, men vi får den ikke.",
             ["Supervision og sparring"], ""),
        ],
    ),
    dict(
        key="krav-indefra-udefra", author=METTE, created=at("2026-03-24", "21:45"),
        title="Krav indefra og udefra – et foreløbigt mønster", pack=None, language="da",
        sections={},
        body=(
            "På tværs af de fem interviews, vi har reflekteret over, ser krav udefra (lovgivning, "
            "tilsyn, politiske beslutninger) ud til at blive oplevet som vilkår, man kan "
            "forholde sig til. Det er kravene indefra – de uudtalte forventninger fra chefer og "
            "egne medarbejdere – der slider.\n\n"
            "Mine egne check-ins fra uge 9–11 viser det samme mønster, men dem skal vi bruge "
            "varsomt: de er min erfaring, ikke respondenternes. Jeg markerer dem som "
            "selvrefleksion, hvis de kommer med i analysen."
        ),
        themes=["Krav indefra og udefra organisationen", "Krav over for ressourcer",
                "Vikardækning og sygefravær"],
        concepts=["frames"],
        excerpts=[],
    ),
    dict(
        key="where-our-experience-entered", author=JONAS, created=at("2026-03-27", "15:10"),
        title="Where our own experience entered the analysis", pack=None, language="en",
        sections={},
        body=(
            "A note for the method chapter, in English so our supervisor's co-reader can "
            "follow it.\n\n"
            "Autoethnography risks becoming writerly rather than readerly. To keep it readable "
            "we list, interview by interview, where our own experience shaped the material:\n\n"
            "- I01: Mette's nods and \"I know that\" may have steered the talk towards taking "
            "the last shift oneself.\n"
            "- I02: my repeated \"Do I hear you say…?\" summaries; every one was accepted, which "
            "is itself a finding to treat with care.\n"
            "- I03: Mette's own exhaustion at the time; she wrote it down separately before "
            "analysing.\n"
            "- I04: I rushed, and the answers are thinner for it.\n"
            "- I05: a deliberate self-disclosure by Mette for a few minutes.\n\n"
            "Mette's daily check-ins are a parallel data set about the researcher, not the "
            "respondents. When we quote them we say so."
        ),
        themes=["Rum for refleksion over for hastighed"],
        concepts=[],
        excerpts=[],
    ),
]  # fmt: skip

WEEKLY_REVIEW = dict(
    key="uge-11", author=METTE, created=at("2026-03-15", "20:30"),
    title="Ugen der gik – uge 11",
    answers={
        "week-pattern": (
            "Kravene har været høje i tre uger, og jeg har skrevet »søvn« eller »træt« næsten "
            "hver dag. Det vendte torsdag, da jeg havde bedt om hjælp."
        ),
        "week-frames": (
            "Tilsynets påbud og besparelsen på vikarbudgettet kom oven i hinanden. Rammerne "
            "bestemte dagsordenen, ikke beboerne."
        ),
        "week-safety": (
            "Jeg kunne tale frit med min chef, da jeg endelig gjorde det. I opsamlingen efter "
            "tilsynet tav jeg."
        ),
        "week-balance": (
            "Krav på fem og ressourcer på to i starten af ugen; i slutningen af ugen fire og "
            "tre. Ikke godt, men bedre."
        ),
        "week-next": "Tavlemødet hver dag, den faste vikar, og ingen nye arbejdsgrupper.",
        "week-unwritten": (
            "Hvor tæt jeg var på at melde mig syg tirsdag. Det skriver jeg nu."
        ),
    },
    themes=["Supervision og sparring", "Krav over for ressourcer"],
)  # fmt: skip


# --- building ------------------------------------------------------------------------------


def sections_from_pack(
    pack: Any, answers: dict[str, str], added_later: str | None = None
) -> list[Section]:
    """Answered prompts in the pack's order, with the pack's Danish question text."""
    unknown = set(answers) - {p.id for p in pack.prompts}
    if unknown:
        raise SystemExit(
            f"make_demo_journal: pack {pack.id!r} has no prompt {sorted(unknown)[0]!r}"
        )
    return [
        Section(
            prompt_id=prompt.id,
            prompt_text=prompt.question.da,
            answer=answers[prompt.id],
            concept=prompt.concept,
            orientation=prompt.orientation,
            added_later=prompt.id == added_later,
        )
        for prompt in pack.prompts
        if prompt.id in answers
    ]


def add_themes(journal: Journal, clock: Clock) -> None:
    for theme in starter_themes("da"):
        theme.id = uid("theme", theme.name)
        theme.created = theme.updated = CODEBOOK_ADDED
        theme.created_by = theme.updated_by = METTE
        journal.add_theme(theme)
    added_themes = [
        (added, name, Theme(
            name=name, concept=concept, parent=parent, description=description,
            id=uid("theme", name), created=added, updated=added,
            created_by=author, updated_by=author,
        ))
        for name, parent, concept, description, author, added in SUB_THEMES
    ] + [
        (added, name, Theme(
            name=name, concept=concept, parent=parent, id=uid("theme", name),
            created=added, updated=added, created_by=author, updated_by=author,
        ))
        for name, parent, concept, author, added in PASSING_THEMES
    ]  # fmt: skip
    for _added, final_name, theme in sorted(added_themes, key=lambda item: item[0]):
        for key, value in FIRST_FORMS.get(final_name, {}).items():
            setattr(theme, key, value)
        journal.add_theme(theme)
    change_codebook(journal, clock)


def change_codebook(journal: Journal, clock: Clock) -> None:
    """The codebook's later changes, each at its own moment and by its own
    person, so the change log tells how the codebook grew."""
    from eftertanke.services.theme_delete import delete_theme

    author = journal.author
    try:
        for when, who, change, name, argument, reason in CODEBOOK_CHANGES:
            clock.moment = when
            journal.author = who
            if change == "rename":
                journal.rename_theme(name, argument, reason=reason)
            elif change == "move":
                theme = journal.get_theme(name)
                theme.parent = argument
                journal.update_theme(theme, reason=reason)
            elif change == "merge":
                journal.merge_themes(name, argument, reason=reason)
            else:
                delete_theme(journal, name, reason=reason)
    finally:
        clock.moment = CLOCK
        journal.author = author


def add_interviews(journal: Journal) -> dict[str, Interview]:
    found = {}
    for spec in INTERVIEWS:
        interview = Interview(
            code=spec["code"],
            role=spec["role"],
            level=spec["level"],
            organisation=spec["organisation"],
            date=spec["date"],
            mode="teams",
            interviewer=spec["interviewer"],
            duration_minutes=spec["duration_minutes"],
            transcript=spec["transcript"],
            consent=CONSENT.format(day=spec["consent_day"]),
            status=spec["status"],
            notes=spec["notes"],
            id=uid("interview", spec["code"]),
            created=at("2026-02-20", "12:00"),
            updated=spec["updated"],
            created_by=METTE,
            updated_by=spec["updated_by"],
            appendix=spec["appendix"],
            reflection_appendix=spec["reflection_appendix"],
        )
        found[interview.code] = journal.add_interview(interview)
    return found


def add_reflections(
    journal: Journal, interviews: dict[str, Interview], packs: dict[str, Any]
) -> None:
    pack = packs["post-interview"]
    written = {
        code: interviews[code].ended + timedelta(minutes=spec["after"])  # type: ignore[operator]
        for code, spec in REFLECTIONS.items()
    }
    for code, spec in REFLECTIONS.items():
        interview = interviews[code]
        assert interview.ended is not None
        created = written[code]
        # The reflection is finished within the hour; a passage added later from
        # memory moves "updated" to the next morning.
        updated = created + timedelta(minutes=35)
        if spec["added_later"]:
            updated = datetime.combine(created.date() + timedelta(days=1), datetime.min.time(), TZ)
            updated += timedelta(hours=8, minutes=20)
        title = pack.entry_title.da.format(interview=code) if pack.entry_title else ""
        entry = Entry(
            id=uid("entry", "reflection", code),
            kind="interview",
            title=title,
            sections=sections_from_pack(pack, spec["answers"], spec["added_later"]),
            themes=list(spec["themes"]),
            interview=code,
            excerpts=[
                Excerpt(interview=code, timestamp=ts, quote=quote, themes=list(themes), note=note)
                for ts, quote, themes, note in spec["excerpts"]
            ],
            author=spec["author"],
            updated_by=spec["author"],
            language="da",
            pack=pack.id,
            created=created,
            updated=updated,
        )
        entry.written_after_minutes = minutes_after(entry, interview)
        answers = {section.prompt_id: section.answer for section in entry.sections}
        entry.codings = [
            coding_of(
                answers[prompt], phrase, themes, ("reflection", code, prompt, phrase),
                coder=coder, when=when, memo=memo, source="section", section=prompt,
            )
            for prompt, phrase, themes, coder, when, memo in REFLECTION_CODINGS.get(code, [])
        ]  # fmt: skip
        touch(entry, entry.codings)
        demo_questions(
            entry,
            [p.id for p in pack.prompts if p.carry_forward],
            {c: REFLECTIONS[c]["answers"] for c in REFLECTIONS},
            written,
            lambda c: uid("entry", "reflection", c),
            NAMESPACE,
        )
        demo_reflexivity(entry, code, uid, stamp, NAMESPACE)
        journal.add_entry(entry, check_links=True)


def coding_of(
    text: str,
    phrase: str,
    themes: list[str],
    key: tuple[str, ...],
    *,
    coder: str,
    when: str,
    memo: str,
    source: str,
    section: str | None = None,
) -> Coding:
    """A coding of the one place ``phrase`` occurs in ``text``, with a fixed id and time."""
    if text.count(phrase) != 1:
        raise SystemExit(
            f"make_demo_journal: {phrase!r} occurs {text.count(phrase)} times in "
            f"{' '.join(key[:3])}, not once"
        )
    start = text.index(phrase)
    coding = Coding.of(
        text, start, start + len(phrase), themes, source=source, section=section, memo=memo,
        author=coder,
    )  # fmt: skip
    coding.id = uid("coding", *key)
    coding.created = coding.updated = stamp(when)
    return coding


def touch(record: Any, codings: list[Coding]) -> None:
    """Coding a record is a change of it: its last change is the last coding."""
    last = max(codings, key=lambda c: c.updated, default=None)
    if last is not None and last.updated > record.updated:
        record.updated = last.updated
        record.updated_by = last.author


def seconds(mmss: str) -> float:
    minutes, secs = mmss.split(":")
    return float(int(minutes) * 60 + int(secs))


def add_transcripts(journal: Journal, interviews: dict[str, Interview], clock: Clock) -> None:
    """Each interview's transcript, its turns timed, and the passages coded in it."""
    for code, (respondent, rows) in TRANSCRIPTS.items():
        interviewer = interviews[code].interviewer
        starts = [seconds(row[0]) for row in rows]
        turns = [
            Turn(
                interviewer if who == "I" else respondent,
                words,
                starts[n],
                starts[n + 1] - 1 if n + 1 < len(rows) else starts[n] + 4,
            )
            for n, (_mmss, who, words) in enumerate(rows)
        ]
        source_file, file_format, imported, importer = TRANSCRIPT_FILES[code]
        transcript = Transcript(
            interview=code,
            turns=turns,
            interviewers=[interviewer],
            source_file=source_file,
            format=file_format,
            language="da",
            id=uid("transcript", code),
            created=stamp(imported),
            updated=stamp(imported),
            created_by=importer,
            updated_by=importer,
        )
        text = transcript.validate().text
        transcript.codings = [
            coding_of(
                text, phrase, themes, ("transcript", code, phrase),
                coder=coder, when=when, memo=memo, source="transcript",
            )
            for phrase, themes, coder, when, memo in TRANSCRIPT_CODINGS.get(code, [])
        ]  # fmt: skip
        touch(transcript, transcript.codings)
        # The store stamps who wrote it last and when: the last coding, or the import.
        clock.moment, author = transcript.updated, journal.author
        journal.author = transcript.updated_by
        try:
            journal.transcripts.add(transcript)
        finally:
            journal.author = author
            clock.moment = CLOCK


def add_daily(journal: Journal, packs: dict[str, Any], rng: random.Random) -> None:
    pack = packs["daily"]
    for day, hm, ratings, answers, themes in DAILY:
        created = at(day, hm) + timedelta(minutes=rng.randint(0, 9))
        entry = Entry(
            id=uid("entry", "daily", day),
            kind="daily",
            sections=sections_from_pack(pack, answers),
            themes=list(themes),
            ratings=dict(zip(RATING_KEYS, ratings, strict=True)),
            author=METTE,
            updated_by=METTE,
            language="da",
            pack=pack.id,
            created=created,
            updated=created + timedelta(minutes=rng.randint(2, 6)),
        )
        journal.add_entry(entry, check_links=True)


def add_memos(journal: Journal, packs: dict[str, Any], rng: random.Random) -> None:
    for spec in MEMOS:
        pack = packs[spec["pack"]] if spec["pack"] else None
        entry = Entry(
            id=uid("entry", "memo", spec["key"]),
            kind="memo",
            title=spec["title"],
            body=spec["body"],
            sections=sections_from_pack(pack, spec["sections"]) if pack else [],
            concepts=list(spec["concepts"]),
            themes=list(spec["themes"]),
            excerpts=[
                Excerpt(interview=code, timestamp=ts, quote=quote, themes=list(themes), note=note)
                for code, ts, quote, themes, note in spec["excerpts"]
            ],
            author=spec["author"],
            updated_by=spec["author"],
            language=spec["language"],
            pack=spec["pack"],
            created=spec["created"],
            updated=spec["created"] + timedelta(minutes=rng.randint(10, 40)),
        )
        journal.add_entry(entry, check_links=True)
    review = WEEKLY_REVIEW
    pack = packs["weekly-review"]
    entry = Entry(
        id=uid("entry", "memo", review["key"]),
        kind=pack.entry_kind,
        title=review["title"],
        sections=sections_from_pack(pack, review["answers"]),
        themes=list(review["themes"]),
        author=review["author"],
        updated_by=review["author"],
        language="da",
        pack=pack.id,
        created=review["created"],
        updated=review["created"] + timedelta(minutes=rng.randint(10, 25)),
    )
    journal.add_entry(entry, check_links=True)


def add_self_data(journal: Journal, packs: dict[str, Any]) -> None:
    """Self-as-data after Chang: one entry of each data type (scripts/demo_selfdata.py)."""
    for key, author, pack_id, (day, hm), answers in SELF_DATA:
        pack = packs[pack_id]
        created = at(day, hm)
        entry = Entry(
            id=uid("entry", "self-data", key),
            kind=pack.entry_kind,
            sections=sections_from_pack(pack, answers),
            themes=[line for p in pack.prompts if p.theme_lines
                    for line in answers.get(p.id, "").splitlines()],
            author=author,
            updated_by=author,
            language="da",
            pack=pack.id,
            data_type=pack.data_type,
            created=created,
            updated=created + timedelta(minutes=12),
        )  # fmt: skip
        journal.add_entry(entry, check_links=True)


def generate(root: Path) -> None:
    """Write the demo journal into ``root``, a folder that does not exist yet."""
    rng = random.Random(SEED)
    packs = load_builtin_packs()
    clock = Clock(CLOCK)
    import eftertanke.services.theme_delete  # noqa: F401 - loaded, so its clock is frozen too
    import eftertanke.store.transcripts  # noqa: F401 - loaded, so its clock is frozen too

    patched = freeze(clock)
    real_generation = manifest_module.next_generation
    # Each file's generation counts its writes, not the time: the same demo every run.
    manifest_module.next_generation = lambda previous: previous + 1
    try:
        journal = Journal(root, author=METTE)
        add_themes(journal, clock)
        interviews = add_interviews(journal)
        for position in position_entries(uid, stamp):
            journal.add_entry(position, check_links=True)
        add_reflections(journal, interviews, packs)
        add_daily(journal, packs, rng)
        add_memos(journal, packs, rng)
        add_self_data(journal, packs)
        add_transcripts(journal, interviews, clock)
    finally:
        for module, real in patched:
            module.now = real
        manifest_module.next_generation = real_generation
    clean(root)
    gitignore = root / ".gitignore"
    gitignore.write_text(GITIGNORE, encoding="utf-8")
    os.chmod(gitignore, 0o600)


def clean(root: Path) -> None:
    """Remove what the store writes for its own safety; it recreates them on use."""
    for name in (layout.BACKUPS_DIR, layout.DRAFTS_DIR):
        shutil.rmtree(root / name, ignore_errors=True)
    (root / LOCK_NAME).unlink(missing_ok=True)
    (root / manifest_module.MANIFEST_FILE).unlink(missing_ok=True)  # local state, rebuilt on open
    for mirror in root.rglob(f"*{MIRROR_SUFFIX}"):
        mirror.unlink()


def replaceable(path: Path) -> bool:
    """True if ``path`` is missing, an empty folder, or an eftertanke journal."""
    if not path.exists():
        return True
    if not path.is_dir() or path.is_symlink():
        return False
    if not any(path.iterdir()):
        return True
    try:
        meta = orjson.loads((path / layout.META_FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(meta, dict) and meta.get("format") == layout.FORMAT_NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"target folder (default {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    target = args.out.expanduser().absolute()
    if not replaceable(target):
        print(
            f"make_demo_journal: {target} holds other files and is not an eftertanke journal; "
            "refusing to replace it",
            file=sys.stderr,
        )
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.making-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        generate(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    print(f"wrote the demo journal to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
