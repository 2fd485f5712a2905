"""What the demo loads: five organisations in Zwolle, their people, three sessions, 40 parents.

The texts are written per language as the hosts would write them; the parents' numbers
are fictional (06-1000 00xx) and their addresses at example.com never receive mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from parentinfo.lib.enums import AGE_GROUPS, OrganisationKind, Role

PASSWORD = "demo-parentinfo"  # noqa: S105 - the published demo password, printed by make run
LOGIN = "coordinator@demo-school.nl"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "demo-school",
        "name": "Basisschool De Regenboog",
        "kind": OrganisationKind.SCHOOL,
        "languages": ["nl", "en", "pl", "ro", "bg"],
        "contact_email": "info@regenboog-zwolle.example",
        "website": "https://regenboog-zwolle.example",
    },
    {
        "slug": "polska-zwolle",
        "name": "Polska Zwolle",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "languages": ["pl", "nl", "en"],
        "contact_email": "kontakt@polska-zwolle.example",
    },
    {
        "slug": "romanii-zwolle",
        "name": "Asociația Românilor Zwolle",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "languages": ["ro", "nl", "en"],
        # Romanian reads well without diacritics: cheaper SMS (GSM-7, 160 characters).
        "plain_sms_languages": ["ro"],
        "contact_email": "contact@romanii-zwolle.example",
    },
    {
        "slug": "bibliotheek-zwolle",
        "name": "Bibliotheek Zwolle",
        "kind": OrganisationKind.LIBRARY,
        "languages": ["nl", "en"],
        "website": "https://bibliotheek-zwolle.example",
    },
    {
        "slug": "het-vlindertje",
        "name": "Peuterspeelzaal Het Vlindertje",
        "kind": OrganisationKind.PLAYGROUP,
        "languages": ["nl", "en"],
    },
]

USERS: list[tuple[str, str, str, Role]] = [
    (LOGIN, "Sanne Hoekstra", "demo-school", Role.ADMIN),
    ("coordinator@polska-zwolle.nl", "Agnieszka Kowalczyk", "polska-zwolle", Role.COORDINATOR),
    ("volunteer@polska-zwolle.nl", "Marek Nowicki", "polska-zwolle", Role.VOLUNTEER),
    ("coordinator@romanii-zwolle.nl", "Ioana Marinescu", "romanii-zwolle", Role.COORDINATOR),
    ("coordinator@het-vlindertje.nl", "Petra Dijkstra", "het-vlindertje", Role.COORDINATOR),
]
COORDINATOR_OF = {org: email for email, _, org, _ in USERS if email.startswith("coordinator@")}
COORDINATOR_OF["demo-school"] = LOGIN


@dataclass(frozen=True)
class DemoEvent:
    """One demo session: who hosts it, when (days ahead, weekday, local times), its texts."""

    key: str
    owner: str
    cohosts: tuple[str, ...]
    days_ahead: int
    weekday: int
    starts: time
    ends: time
    values: dict[str, Any]
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def uid(self) -> str:
        """A stable UID, so a second run finds the event it made the first time."""
        return f"demo-{self.key}@parentinfo"


SCHOOL_SYSTEM = DemoEvent(
    key="school-system",
    owner="demo-school",
    cohosts=("polska-zwolle",),
    days_ahead=14,
    weekday=1,  # Tuesday
    starts=time(19, 0),
    ends=time(20, 30),
    values={
        "topic": "school_system",
        "venue": "Basisschool De Regenboog, aula",
        "address": "Regenboogstraat 12, 8012 AB Zwolle",
        "accessibility_notes": "Step-free entrance at the side, by the bicycle shed.",
        "capacity": 40,
        "childcare": True,
        "session_languages": ["en"],
        "interpreter_languages": ["pl"],
    },
    texts={
        "en": (
            "How Dutch schools work",
            "An evening for parents about the Dutch school system: from group 1 to secondary "
            "school, the school advice in group 8, and how to talk with your child's teacher. "
            "In English, with a Polish interpreter. There is childcare.",
        ),
        "nl": (
            "Zo werkt de Nederlandse school",
            "Een avond voor ouders over het Nederlandse onderwijs: van groep 1 tot de "
            "middelbare school, het schooladvies in groep 8 en het gesprek met de leerkracht "
            "van uw kind. In het Engels, met een Poolse tolk. Er is kinderopvang.",
        ),
        "pl": (
            "Jak działa szkoła w Holandii",
            "Spotkanie dla rodziców o holenderskim systemie szkolnym: od grupy 1 do szkoły "
            "średniej, rekomendacja szkolna w grupie 8 i rozmowa z nauczycielem Twojego "
            "dziecka. Po angielsku, z tłumaczem na język polski. Zapewniamy opiekę nad dziećmi.",
        ),
        "ro": (
            "Cum funcționează școala în Olanda",
            "O seară pentru părinți despre sistemul școlar olandez: de la grupa 1 până la "
            "școala secundară, recomandarea școlară din grupa 8 și discuția cu învățătorul "
            "copilului. În limba engleză, cu interpret de limba polonă. Avem grijă de copii.",
        ),
        "bg": (
            "Как работи училището в Нидерландия",
            "Вечер за родители за нидерландската училищна система: от група 1 до средното "
            "училище, препоръката на училището в група 8 и разговорът с учителя на детето. "
            "На английски език, с преводач на полски. Осигурена е грижа за децата.",
        ),
    },
)

MOTHERS_NETWORK = DemoEvent(
    key="mothers-network",
    owner="polska-zwolle",
    cohosts=("romanii-zwolle",),
    days_ahead=21,
    weekday=3,  # Thursday, while the children are at school
    starts=time(9, 30),
    ends=time(11, 0),
    values={
        "topic": "mothers_network",
        "venue": "Wijkcentrum De Kroon",
        "address": "Kroonplein 5, 8017 CD Zwolle",
        "capacity": 25,
        "childcare": True,
        "session_languages": ["nl"],
        "interpreter_languages": ["pl", "ro"],
        "guest_organisation": "bibliotheek-zwolle",
    },
    texts={
        "en": (
            "Mothers' network: the library",
            "Coffee, tea and a chat with other mothers. This time someone from Bibliotheek "
            "Zwolle tells what the library offers children: a free library card, books in "
            "Polish and Romanian, and reading mornings for toddlers.",
        ),
        "nl": (
            "Moedernetwerk: de bibliotheek",
            "Koffie, thee en een gesprek met andere moeders. Deze keer vertelt iemand van "
            "Bibliotheek Zwolle wat de bibliotheek kinderen te bieden heeft: een gratis "
            "bibliotheekpas, boeken in het Pools en Roemeens en voorleesochtenden voor peuters.",
        ),
        "pl": (
            "Sieć mam: biblioteka",
            "Kawa, herbata i rozmowa z innymi mamami. Tym razem osoba z Bibliotheek Zwolle "
            "opowie, co biblioteka oferuje dzieciom: bezpłatną kartę biblioteczną, książki po "
            "polsku i po rumuńsku oraz poranki z czytaniem dla maluchów.",
        ),
        "ro": (
            "Rețeaua mamelor: biblioteca",
            "Cafea, ceai și o discuție cu alte mame. De data aceasta, cineva de la Bibliotheek "
            "Zwolle ne spune ce oferă biblioteca pentru copii: permis de bibliotecă gratuit, "
            "cărți în poloneză și română și dimineți de lectură pentru cei mici.",
        ),
        "bg": (
            "Мрежа на майките: библиотеката",
            "Кафе, чай и разговор с други майки. Този път служител на Bibliotheek Zwolle ще "
            "разкаже какво предлага библиотеката на децата: безплатна читателска карта, книги "
            "на полски и румънски и сутрини с четене за най-малките.",
        ),
    },
)

PLAYGROUP_MORNING = DemoEvent(
    key="playgroup-open-morning",
    owner="het-vlindertje",
    cohosts=("romanii-zwolle",),
    days_ahead=28,
    weekday=2,  # Wednesday
    starts=time(9, 0),
    ends=time(11, 0),
    values={
        "topic": "playgroup",
        "venue": "Peuterspeelzaal Het Vlindertje",
        "address": "Vlinderpad 3, 8014 EF Zwolle",
        "accessibility_notes": "Everything is on the ground floor; room for prams inside.",
        "capacity": 15,
        "childcare": False,
        "session_languages": ["nl"],
        "interpreter_languages": ["ro"],
    },
    texts={
        "en": (
            "Open morning at the playgroup",
            "Come with your child (2 to 4 years old) and see Peuterspeelzaal Het Vlindertje. "
            "Play together, meet the staff, and ask how to register and what it costs. With a "
            "Romanian interpreter.",
        ),
        "nl": (
            "Open ochtend bij de peuterspeelzaal",
            "Kom met uw kind (2 tot 4 jaar) kijken bij Peuterspeelzaal Het Vlindertje. Samen "
            "spelen, kennismaken met de pedagogisch medewerkers en vragen hoe inschrijven werkt "
            "en wat het kost. Met een Roemeense tolk.",
        ),
        "pl": (
            "Dzień otwarty w grupie przedszkolnej",
            "Przyjdź z dzieckiem (od 2 do 4 lat) i zobacz Peuterspeelzaal Het Vlindertje. "
            "Wspólna zabawa, poznanie opiekunek i odpowiedzi na pytania: jak zapisać dziecko i "
            "ile to kosztuje. Z tłumaczem na język rumuński.",
        ),
        "ro": (
            "Dimineață deschisă la grupa de joacă",
            "Veniți cu copilul (2–4 ani) să vedeți Peuterspeelzaal Het Vlindertje. Ne jucăm "
            "împreună, cunoașteți educatoarele și aflați cum vă înscrieți și cât costă. Cu "
            "interpret de limba română.",
        ),
        "bg": (
            "Ден на отворените врати в детската група",
            "Елате с детето си (от 2 до 4 години) да разгледате Peuterspeelzaal Het Vlindertje. "
            "Ще играем заедно, ще се запознаете с възпитателите и ще научите как става "
            "записването и колко струва. С преводач на румънски.",
        ),
    },
)

EVENTS = (SCHOOL_SYSTEM, MOTHERS_NETWORK, PLAYGROUP_MORNING)

# (organisation, language, names): 54 parents in all 22 languages; fictional numbers 06-1000 00xx.
CONTACTS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "polska-zwolle",
        "pl",
        (
            "Anna Kowalska", "Katarzyna Nowak", "Magdalena Wiśniewska", "Agnieszka Wójcik",
            "Joanna Kamińska", "Monika Lewandowska", "Tomasz Zieliński", "Piotr Szymański",
            "Ewa Woźniak", "Marta Dąbrowska", "Aleksandra Kozłowska", "Paweł Jankowski",
        ),
    ),
    ("polska-zwolle", "en", ("Jana Horváthová",)),
    (
        "romanii-zwolle",
        "ro",
        (
            "Ioana Popescu", "Maria Ionescu", "Elena Popa", "Andreea Stan", "Mihaela Dumitru",
            "Alexandra Constantin", "Cristina Stoica", "Gabriel Munteanu", "Florin Marin",
            "Ana-Maria Tudor",
        ),
    ),
    ("demo-school", "pl", ("Barbara Mazur", "Krzysztof Krawczyk")),
    (
        "demo-school",
        "bg",
        ("Мария Иванова", "Елена Петрова", "Десислава Георгиева", "Николай Димитров",
         "Йорданка Стоянова"),
    ),
    ("demo-school", "en", ("Siobhan Murphy",)),
    ("demo-school", "lt", ("Laura Kazlauskienė",)),
    ("demo-school", "hu", ("Eszter Nagy",)),
    ("demo-school", "pt", ("Daniel Costa",)),
    (
        "demo-school",
        "nl",
        ("Sanne de Vries", "Lotte Bakker", "Eva Jansen", "Noor Visser", "Daan Smit",
         "Emma Mulder"),
    ),
    # One parent in each other language a contact may speak, so a newcomer sees them all.
    ("demo-school", "de", ("Lena Schneider",)),
    ("demo-school", "fr", ("Camille Dubois",)),
    ("demo-school", "es", ("Lucía García",)),
    ("demo-school", "it", ("Giulia Rossi",)),
    ("demo-school", "lv", ("Līga Bērziņa",)),
    ("demo-school", "sk", ("Zuzana Kováčová",)),
    ("demo-school", "cs", ("Tereza Dvořáková",)),
    ("demo-school", "hr", ("Ivana Horvat",)),
    ("demo-school", "sl", ("Nina Novak",)),
    ("demo-school", "el", ("Ελένη Παπαδοπούλου",)),
    ("demo-school", "uk", ("Оксана Шевченко",)),
    ("demo-school", "ru", ("Ольга Смирнова",)),
    ("demo-school", "tr", ("Ayşe Yılmaz",)),
    ("demo-school", "ar", ("فاطمة الزهراء",)),
]  # fmt: skip
# Parents who agreed on the paper form to get messages by WhatsApp too, and the two who asked
# to be called (they read little); both ride on the mobile's SMS consent, in one consent row.
WHATSAPP_PARENTS = frozenset({
    "Anna Kowalska", "Katarzyna Nowak", "Magdalena Wiśniewska", "Barbara Mazur",
    "Ioana Popescu", "Maria Ionescu", "Andreea Stan",
    "Мария Иванова", "Елена Петрова",
})  # fmt: skip
CALL_ME_PARENTS = frozenset({"Elena Popa", "Йорданка Стоянова"})
AGE_GROUP_CHOICES = [[AGE_GROUPS[0]], [AGE_GROUPS[1]], [AGE_GROUPS[0], AGE_GROUPS[1]],
                     [AGE_GROUPS[1], AGE_GROUPS[2]], [AGE_GROUPS[2]]]  # fmt: skip
