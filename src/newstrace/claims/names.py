"""Common given names, with the grammatical gender English news prose usually gives them.

Used only as evidence that a capitalised run is a person ("Taylor Lianne Chandler" is a person,
"Saudi Arabia" is not) and to pick between "he" and "she" antecedents. Absence from the list
says nothing: most names in international news are not here, and other evidence (a title, a
role, an age, being quoted) is used for them.
"""

from __future__ import annotations

FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda
    pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren
    christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa
    ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber
    doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
    kayla alexis lori hillary michele angela lucy lana taylor chloe zoe ella mia ava
    sophie jane anne claire fiona kate lucille liz emma christy dana faye vika
    marinela asya sylvia aree paige marie-france sonya phyllis maria nadia olga tatiana
    irina svetlana natalia elena yulia anastasia ekaterina marina ludmila galina angela
    ursula theresa nicola yvette hillary michele condoleezza nancy kamala madeleine""".split()
)

MALE_NAMES = frozenset(
    """james robert john michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george
    timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry
    justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis
    jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah
    jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan
    jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah
    randy roy vincent ralph eugene russell bobby mason philip louis barack bill mike tim
    steve tom jim bob chris dan ben sam nick alex oleg vladimir sergei sergey dmitry igor
    alexei alexey andrei yuri viktor nikolai mikhail boris ivan pavel ahmed mohammed
    muhammad ali hassan hussein omar abu abdul osama angel jesus jesús glenn duncan
    alistair kasim khairalla benjamin volker gregg luke casey eduard hjortur aamir
    orlando wilfried abubakar alex seth danny aaron leonardo jonah scott guymon fred
    edmund gordon gabriel emmanuel francois françois jean-claude angela nathan
    narendra barack kim recep bashar hassan xi shinzo justin emmanuel""".split()
) - FEMALE_NAMES


def gender_of_first_name(word: str) -> str | None:
    w = word.lower()
    if w in FEMALE_NAMES:
        return "f"
    if w in MALE_NAMES:
        return "m"
    return None


def is_given_name(word: str) -> bool:
    w = word.lower()
    return w in FEMALE_NAMES or w in MALE_NAMES
