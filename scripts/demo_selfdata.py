"""The demo journal's self-as-data (Chang): one entry of each data type, in
Danish, written with the built-in packs (chronology, inventory,
self-observation, self-reflection). Each is (key, author, pack, created,
answers); a chronology entry's date is the event's. Invented for eftertanke.
"""

from __future__ import annotations

SELF_DATA: list[tuple[str, str, str, tuple[str, str], dict[str, str]]] = [
    ("mette-tiltraadt", "Mette", "chronology", ("2019-08-01", "08:00"), {
        "event": "Jeg tiltrådte som plejeboligchef efter otte år som sygeplejerske og to år som afdelingsleder i samme kommune.",
        "event-place": "Ny i ledergruppen, med 60 medarbejdere og en forgænger, der var gået på pension efter 20 år. Jeg refererede til en chef, jeg ikke kendte.",
        "event-meaning": "Dengang: at jeg endelig kunne bestemme retningen. Nu: at jeg tog sygeplejerskens idé om at kunne klare alt med ind i lederrollen.",
        "event-study": "I03's fortælling om at køre på reserverne et år, før hun sagde fra, ligner mit første år. Det skal jeg huske, når jeg læser hendes interview.",
    }),
    ("mette-mail-om-tilsyn", "Mette", "chronology", ("2026-02-25", "13:00"), {
        "event": "Én mail varslede tilsyn i næste uge og bad os finde besparelser på indkøb og vikarbudget.",
        "event-wellbeing": "Trivslen faldt den uge og blev ved med at falde til midten af marts. Kravene kom udefra og indefra på samme tid, og ressourcerne var allerede skåret ned af sygemeldinger.",
        "event-study": "Den ligger midt mellem interviewforberedelsen og de første interviews; mine refleksioner efter I01 og I03 er skrevet i den periode.",
        "event-themes": "Krav indefra og udefra organisationen\nKrav over for ressourcer",
    }),
    ("jonas-fortegnelse-vaerdier", "Jonas", "inventory", ("2026-03-04", "20:00"), {
        "inventory-of": "Mine værdier som leder, som de står, før interviewene for alvor går i gang.",
        "inventory-items": "Ordentlighed – man siger det, som det er, også når det er svært\nNærvær – at være der, hvor det sker\nFaglighed – pædagogikken først\nLoyalitet – over for beslutninger, jeg ikke selv har truffet\nHumor – det, der får os igennem aftenvagterne",
        "inventory-weight": "Ordentlighed, nærvær og loyalitet. Loyaliteten er den, der oftest kommer i klemme med de to andre.",
        "inventory-missing": "Min egen trivsel står ingen steder. Heller ikke at bede om hjælp.",
        "inventory-culture": "Listen er en pædagogs liste fra et bosted: fællesskab og faglighed før struktur. Struktur havde jeg ikke skrevet, før I04 talte om den.",
    }),
    ("mette-observation-tirsdag", "Mette", "self-observation", ("2026-03-17", "10:15"), {
        "obs-time": "10.15, på kontoret mellem tavlemødet og et møde om vagtplanen.",
        "obs-doing": "Svarer på mails fra forvaltningen om tilsynets handleplan. Lukker døren for at nå det.",
        "obs-with": "Alene. En medarbejder bankede på, og jeg sagde »om ti minutter«.",
        "obs-feeling": "Skuldrene oppe. Lidt skyld over den lukkede dør.",
        "obs-energy": "Det tager. Det er ikke opgaven, men at den skal løses bag en lukket dør.",
        "obs-notice": "At jeg skriver »om ti minutter« og mener en halv time. Det havde jeg ikke set uden at skrive det ned.",
    }),
    ("jonas-selvrefleksion", "Jonas", "self-reflection", ("2026-03-06", "21:00"), {
        "values": "Jeg leder efter ordentlighed. I sidste uge betød det, at jeg sagde til en medarbejder, at en beslutning var truffet over hovedet på os begge, i stedet for at forsvare den.",
        "identities": "Pædagog først, leder bagefter. Mand i et fag med mange kvinder. Den yngste i ledergruppen.",
        "culture": "At en god leder altid er til rådighed, og at man ikke taler om sin egen trivsel i ledergruppen. Det har jeg taget til mig uden at vælge det.",
        "alike-different": "Jeg ligner I02 i stoltheden over at stå i stormen. Jeg er anderledes end I04, der har fået struktur til at bære; jeg har ofte set struktur som noget, der står i vejen.",
        "lens": "Jeg kan komme til at høre heroiske fortællinger som styrke og overhøre prisen. Det skal stå i metodeafsnittet, der hvor vi skriver om vores forforståelse.",
    }),
]  # fmt: skip
