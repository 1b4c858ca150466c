"""Synthetic names for demo children, staff and board members.

Names are drawn independently (a given name from one list, a family name from another), so a
generated person is a random combination of common names, never a real person's details. The lists
are common British given names and surnames of varied heritage, roughly matched to the child's
ethnicity so the demo reads naturally.
"""

from __future__ import annotations

from collections.abc import Callable

BOYS = {
    "general": [
        "Oliver", "Jack", "Harry", "Charlie", "Thomas", "George", "James", "Jacob", "Joshua", "Alfie",
        "Ethan", "Liam", "Kyle", "Callum", "Connor", "Lewis", "Ryan", "Jordan", "Mason", "Tyler",
        "Dylan", "Kai", "Riley", "Logan", "Reece", "Brandon", "Jake", "Owen", "Ben", "Leo",
        "Noah", "Finley", "Archie", "Harvey", "Bailey", "Daniel", "Luke", "Sam", "Aaron", "Nathan",
    ],
    "asian": [
        "Mohammed", "Ibrahim", "Hamza", "Bilal", "Zain", "Ayaan", "Arjun", "Rohan", "Imran", "Usman",
        "Adnan", "Haris", "Rayyan", "Kiran", "Sahil", "Faisal",
    ],
    "black": [
        "Tyrese", "Jermaine", "Kwame", "Tobi", "Emmanuel", "Samuel", "David", "Joel", "Malachi",
        "Isaiah", "Marcus", "Andre", "Kofi", "Daniel", "Elijah", "Jayden",
    ],
    "european": [
        "Jakub", "Mateusz", "Kacper", "Filip", "Dawid", "Andrei", "Luca", "Marek", "Tomas", "Patrik",
    ],
    "other": ["Omar", "Yusuf", "Ali", "Karim", "Hassan", "Adam", "Wei", "Jun"],
}
GIRLS = {
    "general": [
        "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Chloe", "Ellie", "Jessica", "Lily",
        "Megan", "Holly", "Paige", "Courtney", "Shannon", "Leah", "Katie", "Lauren", "Amber", "Jade",
        "Millie", "Grace", "Poppy", "Evie", "Ruby", "Hannah", "Abbie", "Tia", "Kayleigh", "Demi",
    ],
    "asian": ["Aisha", "Maryam", "Zara", "Hafsa", "Amina", "Priya", "Anika", "Sana", "Iqra", "Noor"],
    "black": ["Abigail", "Precious", "Tiana", "Nia", "Esther", "Blessing", "Shanice", "Maya", "Chantelle"],
    "european": ["Natalia", "Julia", "Zuzana", "Alexandra", "Maria", "Oliwia", "Denisa", "Ioana"],
    "other": ["Layla", "Fatima", "Sara", "Mei", "Yasmin", "Nadia"],
}
FAMILY = {
    "british": [
        "Smith", "Jones", "Taylor", "Brown", "Wilson", "Walker", "Wright", "Robinson", "Thompson",
        "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner",
        "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Baker", "Shaw", "Holmes", "Booth", "Lee",
        "Barker", "Fletcher", "Marsden", "Whitworth", "Sutcliffe", "Ackroyd", "Haigh", "Firth",
        "Pickles", "Holroyd", "Bentley", "Dawson", "Priestley", "Hartley", "Crowther", "Lockwood",
    ],
    "irish": ["Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "Doyle", "McCarthy", "Gallagher", "Quinn"],
    "traveller": [
        "Price", "Lee", "Smith", "Lovell", "Boswell", "Ward", "McDonagh", "Doherty", "Connors", "Joyce",
    ],
    "pakistani": [
        "Hussain", "Khan", "Ahmed", "Ali", "Iqbal", "Akhtar", "Mahmood", "Rashid", "Butt", "Shah",
        "Aslam", "Bibi", "Riaz", "Javed",
    ],
    "indian": ["Patel", "Singh", "Kaur", "Sharma", "Gill", "Sandhu", "Mistry", "Chauhan", "Parmar"],
    "bangladeshi": ["Begum", "Miah", "Uddin", "Rahman", "Islam", "Chowdhury"],
    "chinese": ["Wong", "Chen", "Li", "Zhang", "Lam", "Cheung"],
    "african": [
        "Okafor", "Mensah", "Adeyemi", "Osei", "Mohamed", "Abdi", "Nwosu", "Bello", "Asante", "Tesfaye",
        "Okoro", "Boateng",
    ],
    "caribbean": [
        "Campbell", "Francis", "Grant", "Williams", "Johnson", "Anderson", "Henry", "Clarke", "Bailey",
        "Morgan", "Reid", "Samuels",
    ],
    "european": [
        "Kowalski", "Nowak", "Wisniewski", "Horvath", "Balog", "Popescu", "Novak", "Kaminski", "Dvorak",
    ],
    "arab": ["Hassan", "Saleh", "Mansour", "Haddad", "Nasser", "Khalil"],
}

# For each ethnicity code: (given-name pool, family-name pools). Mixed heritage children take
# either parent's family name.
_BY_ETHNICITY: dict[str, tuple[str, tuple[str, ...]]] = {
    "white_british": ("general", ("british",)),
    "white_irish": ("general", ("irish",)),
    "white_gypsy_irish_traveller": ("general", ("traveller",)),
    "white_roma": ("european", ("european",)),
    "white_other": ("european", ("european", "british")),
    "mixed_white_black_caribbean": ("general", ("british", "caribbean")),
    "mixed_white_black_african": ("general", ("british", "african")),
    "mixed_white_asian": ("general", ("british", "pakistani", "indian")),
    "mixed_other": ("general", ("british", "arab", "caribbean")),
    "asian_indian": ("asian", ("indian",)),
    "asian_pakistani": ("asian", ("pakistani",)),
    "asian_bangladeshi": ("asian", ("bangladeshi",)),
    "asian_chinese": ("other", ("chinese",)),
    "asian_other": ("asian", ("indian", "pakistani")),
    "black_caribbean": ("black", ("caribbean",)),
    "black_african": ("black", ("african",)),
    "black_other": ("black", ("caribbean", "african")),
    "other_arab": ("other", ("arab",)),
    "other_any": ("other", ("arab", "chinese", "british")),
}
_DEFAULT = ("general", ("british",))


def person_name(rnd: Callable[[], float], *, female: bool, ethnicity: str) -> tuple[str, str]:
    """A random (given name, family name) for a person of the given sex and ethnicity."""
    pool, families = _BY_ETHNICITY.get(ethnicity, _DEFAULT)
    given_lists = GIRLS if female else BOYS
    # A quarter of children of any heritage have a name from the general list.
    given = given_lists["general"] if rnd() < 0.25 else given_lists[pool]
    family = FAMILY[families[int(rnd() * len(families))]]
    return given[int(rnd() * len(given))], family[int(rnd() * len(family))]
