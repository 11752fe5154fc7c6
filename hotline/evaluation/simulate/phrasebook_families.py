"""Which later phrasing families the simulated customers speak (``family`` 2 on, one file each) and what sets a
family apart besides its templates: product words cut to the last word, numbers said aloud, another script, typos,
numbers or questions nobody asked for. ``phrasebook.Voice`` reads it; a new blind family is one file plus one line here.
"""

from __future__ import annotations

from hotline.evaluation.simulate.phrasebook_family2 import FAMILY2, FAMILY2_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family3 import FAMILY3, FAMILY3_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family4 import FAMILY4, FAMILY4_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family5 import FAMILY5, FAMILY5_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family6 import FAMILY6, FAMILY6_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family7 import FAMILY7, FAMILY7_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family8 import FAMILY8, FAMILY8_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family9 import FAMILY9, FAMILY9_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family10 import FAMILY10, FAMILY10_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family11 import FAMILY11, FAMILY11_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family12 import FAMILY12, FAMILY12_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family13 import FAMILY13, FAMILY13_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family14 import FAMILY14, FAMILY14_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family15 import FAMILY15, FAMILY15_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family16 import FAMILY16, FAMILY16_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family17 import FAMILY17, FAMILY17_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family18 import FAMILY18, FAMILY18_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family19 import FAMILY19, FAMILY19_PRODUCTS, numbers
from hotline.evaluation.simulate.phrasebook_family20 import FAMILY20, FAMILY20_PRODUCTS, questions
from hotline.evaluation.simulate.phrasebook_family21 import FAMILY21, FAMILY21_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family22 import FAMILY22, FAMILY22_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family23 import FAMILY23, FAMILY23_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family24 import FAMILY24, FAMILY24_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family25 import FAMILY25, FAMILY25_PRODUCTS
from hotline.evaluation.simulate.phrasebook_family26 import FAMILY26, FAMILY26_PRODUCTS

LATER_FAMILIES = {
    2: (FAMILY2, FAMILY2_PRODUCTS),
    3: (FAMILY3, FAMILY3_PRODUCTS),
    4: (FAMILY4, FAMILY4_PRODUCTS),
    5: (FAMILY5, FAMILY5_PRODUCTS),  # a tuning set written after family 4 (then the held-out) was run
    6: (FAMILY6, FAMILY6_PRODUCTS),  # the held-out from session 12 to 15 (family 4 became a tuning set)
    7: (FAMILY7, FAMILY7_PRODUCTS),  # the held-out in session 16 and 17 (read and tuned on in session 16)
    8: (FAMILY8, FAMILY8_PRODUCTS),  # the held-out in sessions 18 and 19 (read and tuned on there)
    9: (FAMILY9, FAMILY9_PRODUCTS),  # the held-out in sessions 20 to 23
    10: (FAMILY10, FAMILY10_PRODUCTS),  # the held-out in session 24 (read and tuned on there)
    11: (FAMILY11, FAMILY11_PRODUCTS),  # the held-out in session 25 (written blind; read and tuned on in 26)
    12: (FAMILY12, FAMILY12_PRODUCTS),  # the held-out in session 26 (written blind; read and tuned on there)
    13: (FAMILY13, FAMILY13_PRODUCTS),  # the held-out in session 27 (written blind; read and tuned on in 28)
    14: (FAMILY14, FAMILY14_PRODUCTS),  # the held-out in session 28 (written blind; read and tuned on there)
    15: (FAMILY15, FAMILY15_PRODUCTS),  # the held-out in session 29 (written blind; read and tuned on there)
    16: (FAMILY16, FAMILY16_PRODUCTS),  # the held-out in session 30 (written blind; read and tuned on there)
    17: (FAMILY17, FAMILY17_PRODUCTS),  # the held-out in session 31 (written blind; read and tuned on there)
    18: (FAMILY18, FAMILY18_PRODUCTS),  # the held-out in session 33 (written blind; read and tuned on there)
    19: (FAMILY19, FAMILY19_PRODUCTS),  # the held-out in session 34 (written blind; read and tuned on there)
    20: (FAMILY20, FAMILY20_PRODUCTS),  # the held-out early in session 35 (written blind; read and tuned on there)
    21: (FAMILY21, FAMILY21_PRODUCTS),  # the held-out in session 35 (written blind; read and tuned on there)
    22: (FAMILY22, FAMILY22_PRODUCTS),  # the held-out at the end of session 35 (written blind; read and tuned on there)
    23: (FAMILY23, FAMILY23_PRODUCTS),  # the held-out early in session 36 (written blind; read and tuned on there)
    24: (FAMILY24, FAMILY24_PRODUCTS),  # the held-out late in session 36 (written blind; read and tuned on there)
    25: (FAMILY25, FAMILY25_PRODUCTS),  # the held-out at the end of session 36 (written blind; read and tuned on in 37)
    26: (FAMILY26, FAMILY26_PRODUCTS),  # the held-out from session 37 on (written blind)
}

SHORTENED = {
    3: 0.3,
    4: 0.2,
    6: 0.15,
    7: 0.2,
    8: 0.15,
    9: 0.1,
    10: 0.15,
    11: 0.15,
    12: 0.2,
    13: 0.1,
    14: 0.1,
    15: 0.15,
    16: 0.1,
    17: 0.15,
    18: 0.1,
    19: 0.1,
    20: 0.15,
    21: 0.1,
    22: 0.1,
    23: 0.1,
    24: 0.1,
    25: 0.1,
    26: 0.1,
}  # how often an English customer of the family calls a product by its last word

SPOKEN = {
    8: 0.4,
    12: 0.3,
}  # how often a customer of the family says a number or an e-mail (transcribed as it was said)

# A family whose customers write one language in another script: the whole message is converted as typed (family
# 10's Chinese customers write traditional characters with Taiwan's words).
SCRIPT = {(10, "zh"): "s2twp"}
TYPOS = {15: 0.12}  # a family whose customers type in a hurry: the share of longer words with a slip
# A family whose customers bring what nobody asked for: numbers (prices, dates, case numbers), questions on the way.
NOISE = {19: numbers, 20: questions}
