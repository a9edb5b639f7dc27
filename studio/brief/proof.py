"""Proof phrases: claims a marketer must not soften ('lifetime warranty', 'vet-designed', 'plastikfrei'),
found by their shape in the six languages. `shapes.proof_phrases` finds them in a brief.

A claim's shapes, each in English, Spanish, French, German, Italian and Portuguese and in each language's
word order: a warranty with its length ('2-year warranty', 'garantía de dos años', 'garantie 5 ans',
'5 Jahre Garantie', 'garanzia di 3 anni', '2 anos de garantia'), something tested, approved or
recommended by someone ('probado por dermatólogos', 'von Tierärzten empfohlen', 'aprovado pela Agência
X') or in some way ('testé dermatologiquement', 'clinicamente testato'), a thing left out ('sin gluten',
'sans sucre ajouté', 'ohne Zuckerzusatz', 'senza lattosio', 'sem parabenos'), a certification
('certificado ecológico', 'certifié bio', 'Bio-zertifiziert', 'certificato biologico'), an award
('premiado', 'primé au Concours X', 'preisgekrönt', 'Gold at the X Awards') and where it is made ('hecho
en Colombia', 'fabriqué en France', 'in Deutschland hergestellt', 'fatto a mano'). A number with what it
counts ('4.8 stars', 'since 1952', '80 % recyclé') is `numbers.proof_points`'.

A name after 'by' is read as a claim's only where it cannot be the brand: after a word of testing or
approval ('tested by', 'recommended by'), or after an article ('designed by the Norvel Institute'); a
maker's 'designed by Zorvik' names the brand (roles.py). Words of money, effort or doubt after 'without'
('sin intereses', 'sans frais', 'ohne Aufpreis', 'sin embargo') are an offer's or the sentence's, never
a claim.
"""

from __future__ import annotations

import re

_NUMBER = (
    r"\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
    r"fifty|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|treinta|une|"
    r"deux|trois|quatre|cinq|sept|huit|neuf|dix|douze|quinze|vingt|trente|ein|eine|einem|einer|zwei|drei|"
    r"vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|fünfzehn|zwanzig|dreißig|due|tre|quattro|cinque|sei|"
    r"sette|otto|nove|dieci|dodici|quindici|venti|trenta|um|uma|dois|duas|três|sete|oito|dez|doze|vinte|"
    r"trinta"
)
"""A count in digits or in words, in the six languages."""
_UNIT = (
    r"years?(?:['’]s?)?|months?(?:['’]s?)?|days?|weeks?|años?|mes(?:es)?|días?|semanas?|ans?|années?|mois|"
    r"jours?|semaines?|jahre?n?|jahres|monate?n?|monats|tage?n?|wochen?|anni|anno|mesi|mese|giorni|giorno|"
    r"settimane|settimana|anos?|m[eê]s|meses|dias?"
)
"""What a warranty's length counts."""
_WARRANTY = r"(?:warranty|guarantee|garant[ií]a|garantie|garanzia)"
_LIFETIME = (
    r"\b(?:lifetime|full|money-back|satisfaction|lebenslange|lebenslanger)\s+" + _WARRANTY + r"\b|"
    r"\bgarant[ií]a\s+(?:de\s+por\s+vida|vital[ií]cia|para\s+toda\s+a\s+vida)\b|"
    r"\bgarantie\s+(?:à\s+vie|illimitée)\b|\bgaranzia\s+(?:a\s+vita|biennale|triennale|decennale)\b|"
    r"\b\w+-(?:jahres-)?garantie\b|"
    # 'lifetime repairs.', 'free repairs for life': a promise for the thing's life, ending its clause
    r"\blifetime\s+(?-i:[a-z]+)(?=\s*(?:[.,;:!?)\n]|$))|\b(?:free\s+)?(?-i:[a-z]+(?:s|ed))\s+for\s+life\b"
)
_WARRANTIES = (
    # '2-year warranty', '5 Jahre Garantie', '2 anos de garantia', 'tres años de garantía'
    rf"\b(?:{_NUMBER}|lifetime)[- ](?:{_UNIT})[- ](?:(?:de|di|d['’]|of)\s+)?{_WARRANTY}\b|"
    # 'garantía de dos años', 'garantie 5 ans', 'garanzia di 3 anni', 'Garantie von 5 Jahren'
    rf"\b{_WARRANTY}\s+(?:(?:de|di|of|von|for|für|à|a|d['’])\s+)?(?:{_NUMBER})[- ](?:{_UNIT})(?!\w)|"
    + _LIFETIME
)

_CAP = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’&-]*)"
_LOW = r"(?-i:[a-zà-öø-ÿ0-9][\w'’-]*)"
_STOP = (
    # function words of the six languages (the Spanish and Portuguese for "all" among them)
    r"(?:and|or|but|y|e|et|und|oder|ed|o|ou|ni|nor|for|in|en|em|with|con|avec|mit|com|since|desde|depuis|"
    r"seit|at|à|au|aux|bei|per|para|pour|für|nel|nella|no|na|nos|nas|until|hasta|jusqu['’]\w*|bis|fino|"
    r"até|sur|on|auf|su|that|which|who|que|qui|die|der|das|che|is|are|es|est|ist|è|é|son|sont|sind|sono|"
    r"são|to|a|an|the|el|la|le|les|los|las|il|lo|gli|os|as|um|uma|un|une|ein|eine|this|these|our|"
    r"nuestro|nuestra|notre|unser|unsere|nostro|nostra|nosso|nossa|its|sus|sa|ses|sein|seine|suo|sua|"
    r"seu|every|each|cada|chaque|jede|jeder|ogni|todos?|tous|toutes|alle|tutti|all|any|now|ahora|"
    r"maintenant|jetzt|ora|agora|today|hoy|aujourd['’]hui|heute|oggi|hoje|from|de|da|di|von|vom|del|dal|"
    r"des|du|do|dos|della|dei|degli|delle|dello|of)"
)
"""Words a claim's noun phrase ends before (a conjunction, a preposition, an article, a verb 'is'); 'de',
'di', 'of' go on inside it only between two words ('corredores de montaña')."""
_JOIN = r"(?:de|del|de\s+la|di|della|delle|dei|degli|da|do|dos|das|des|du|d['’]|of|der|von)"
"""The small words inside a claim's noun phrase ('huile de palme', 'montagne et neige')."""


def _phrase(word: str, most: int) -> str:
    """A noun phrase of up to `most` words of the given kind, small joining words between them, ending before
    punctuation or a word of `_STOP`."""
    one = rf"(?!{_STOP}\b){word}"
    return rf"{one}(?:\s+(?:{_JOIN}\s+)?{one}){{0,{most - 1}}}(?![\w'’-])"


_ARTICLE = (
    r"(?:the|el|la|los|las|le|les|l['’]|der|die|den|dem|il|lo|i|gli|o|os|a|as|des|dal|dallo|dalla|dai|"
    r"dagli|dalle|dall['’]|pel[oa]s?|vom)"
)
_BY = (
    r"(?:by|por|par|von|vom|durch|da|dal|dallo|dalla|dai|dagli|dalle|dall['’]|pel[oa]s?|with|con|avec|mit|"
    r"com)"
)
"""The words that name who stands behind a claim: 'by', 'pela', 'dai', 'avec' ('developed with vets')."""
_THIRD_PARTY = (
    r"tested|approved|recommended|endorsed|certified|validated|trusted|loved|used|chosen|backed|vetted|"
    r"reviewed|accredited|awarded|probad[oa]s?|testad[oa]s?|aprobad[oa]s?|aprovad[oa]s?|recomendad[oa]s?|"
    r"avalad[oa]s?|certificad[oa]s?|validad[oa]s?|elegid[oa]s?|escolhid[oa]s?|premiad[oa]s?|"
    r"respaldad[oa]s?|verificad[oa]s?|comprovad[oa]s?|avaliad[oa]s?|galardonad[oa]s?|testée?s?|"
    r"approuvée?s?|recommandée?s?|certifiée?s?|validée?s?|agréée?s?|primée?s?|"
    r"récompensée?s?|plébiscitée?s?|choisie?s?|getestet|geprüft|empfohlen|zertifiziert|zugelassen|"
    r"ausgezeichnet|bestätigt|testat[oaie]|approvat[oaie]|raccomandat[oaie]|consigliat[oaie]|"
    r"certificat[oaie]|validat[oaie]|premiat[oaie]|scelt[oaie]"
)
"""Words of a test, an approval, a recommendation or an award: whoever did it is never the brand."""
_MAKER = (
    r"designed|developed|formulated|created|crafted|diseñad[oa]s?|desarrollad[oa]s?|formulad[oa]s?|"
    r"cread[oa]s?|conçue?s?|développée?s?|formulée?s?|entwickelt|gestaltet|progettat[oaie]|"
    r"sviluppat[oaie]|formulat[oaie]|ideat[oaie]|desenhad[oa]s?|desenvolvid[oa]s?|criad[oa]s?"
)
"""Words of making: 'designed by Zorvik' names the brand, 'designed by vets' or 'by the Norvel Institute' a
claim."""
_WORD = r"(?-i:[a-zà-öø-ÿ][\w'’-]*)"
"""A lower-case word (a count in digits, 'Trusted by 40,000 teams', is `numbers.proof_points`')."""
_AGENT_ANY = rf"(?:{_ARTICLE}\s+)?(?:{_phrase(rf'(?:{_WORD}|{_CAP})', 4)})"
_AGENT_NAMED = rf"(?:{_ARTICLE}\s+{_phrase(rf'(?:{_WORD}|{_CAP})', 4)}|{_phrase(_WORD, 4)})"
_BACKED = (
    rf"\b(?:{_THIRD_PARTY})\s+{_BY}\s+{_AGENT_ANY}|"
    rf"\b(?:{_MAKER})\s+{_BY}\s+{_AGENT_NAMED}|"
    # German puts the doer first: 'von Dermatologen getestet', 'vom Norvel-Institut empfohlen'
    rf"\b(?:von|vom|von\s+der|von\s+den)\s+{_phrase(rf'(?:{_LOW}|{_CAP})', 3)}\s+(?:{_THIRD_PARTY})\b"
)
_ADVERB = r"(?:\w+(?:ally|ically|mente|ment|isch|lich))"
_PROVEN = (
    r"tested|proven|approved|certified|validated|probad[oa]s?|testad[oa]s?|comprobad[oa]s?|comprovad[oa]s?|"
    r"demostrad[oa]s?|aprobad[oa]s?|aprovad[oa]s?|testée?s?|prouvée?s?|approuvée?s?|getestet|"
    r"geprüft|bewiesen|belegt|bestätigt|testat[oaie]|provat[oaie]|dimostrat[oaie]|approvat[oaie]"
)
_TESTED_SO = (
    rf"\b{_ADVERB}\s+(?:{_PROVEN})\b|\b(?:{_PROVEN})\s+{_ADVERB}\b(?!\s+(?:by|por|par|von|da|pel))|"
    r"\btestée?s?\s+sous\s+contr[ôo]le\s+\w+\b"
)
"""'clinically proven', 'dermatologisch getestet', 'testé dermatologiquement', 'clinicamente testato'."""

_NOT_LEFT_OUT = (
    r"(?:costs?|fees?|charges?|interest|commitment|contract|effort|doubt|delay|limits?|worries|"
    r"problems?|hassle|coste?s?|cargos?|gastos|intereses|inter[eé]s|comisi[oó]n(?:es)?|compromiso|"
    r"permanencia|esfuerzo|duda|embargo|prisa|l[ií]mites?|preocupaciones|problemas?|esperas?|cita|"
    r"frais|engagement|abonnement|suppl[ée]ment|effort|doute|d[ée]lai|attendre|attente|rendez-vous|soucis?|"
    r"probl[èe]mes?|limites?|kosten|versandkosten|aufpreis|geb[üu]hren?|zinsen|abo|vertrag|aufwand|zweifel|"
    r"wartezeit|termin|sorgen|probleme|grenzen|limit|costi|costo|spese|interessi|commissioni|impegno|"
    r"sforzo|dubbio|attesa|appuntamento|pensieri|problemi|limiti|custos?|juros|taxas?|frete|fidelidade|"
    r"compromisso|esfor[çc]o|d[úu]vida|agendamento|preocupa[çc][õo]es|sair|salir|sortir|moverte|"
    r"receta|ordonnance|rezept|ricetta|receita|matr[ií]cula|inscripci[oó]n|inscription|anmeldegeb[üu]hr|"
    r"iscrizione|ades[ãa]o|registration|sign-up|saber|pensar|pagar|esperar|preocuparte|attendre|payer|"
    r"r[ée]fl[ée]chir|warten|zahlen|aspettare|pagare|pensare|\w+\s+(?:qu[eé]|quoi|c[oó]mo|comment|was|wie|cosa|"
    r"come|o\s+que|d[oó]nde|o[uù]|wo|dove|onde))"
)
"""After 'without': money, effort, doubt or a wait, an offer's or the sentence's words, never a claim
('sin intereses', 'sans frais', 'ohne Aufpreis', 'sin embargo', 'sans doute', 'senza impegno')."""
_LEFT_OUT = (
    r"\b(?:sin|sans|ohne|senza|sem|without|free\s+from|free\s+of|libre\s+de|libres\s+de|livre\s+de|"
    r"livres\s+de|isent[oa]s?\s+de|priv[oaie]\s+di|exempte?s?\s+de)\s+"
    rf"(?!{_NOT_LEFT_OUT}\b)(?:{_phrase(rf'(?:{_LOW}|(?-i:[A-ZÄÖÜ][a-zäöüß]+))', 3)})"
)
"""A thing left out: 'sin gluten', 'sans sucre ajouté', 'ohne Zuckerzusatz', 'senza lattosio', 'sem
parabenos', 'sin aceite de palma' (lower-case words, or German's capitalised nouns)."""

_CERTIFIED = (
    r"certified|certificad[oa]s?|certifiée?s?|zertifiziert|certificat[oaie]|certificaci[óo]n|"
    r"certification|certificazione|certifica[çc][ãa]o|accredited|acreditad[oa]s?|accr[ée]ditée?s?|"
    r"akkreditiert|accreditat[oaie]"
)
_CERTIFICATIONS = (
    rf"\b(?:{_CERTIFIED})\s+(?!{_STOP}\b|regalo|cadeau|presente|regalo\b)(?-i:[a-zà-öø-ÿ][\w-]*|[A-Z]{{2,}}\w*)"
    rf"(?![\w'’-])|"
    # 'Bio-zertifiziert', 'TÜV-geprüft', 'FSC-zertifiziert', 'Öko-zertifiziert'
    r"\b[\w]{2,}-(?:zertifiziert|geprüft|getestet|empfohlen|zugelassen|ausgezeichnet)\w*"
)
"""'certified organic', 'certificado ecológico', 'certifié bio', 'certificato biologico', 'Bio-zertifiziert'
(not 'certificado de regalo', a gift card)."""

_AWARDED = (
    r"award-winning|prize-winning|premiad[oa]s?|galardonad[oa]s?|multipremiad[oa]s?|primée?s?|"
    r"récompensée?s?|preisgekrönte?[nmrs]?|mehrfach\s+ausgezeichnete?[nmrs]?|premiat[oaie]|pluripremiat[oaie]"
)
_MEDAL = (
    r"(?:gold|silver|bronze|gold\s+medal|silver\s+medal|bronze\s+medal|best\s+in\s+show|winner|"
    r"medall?a\s+de\s+(?:oro|plata|bronce|ouro|prata)|médaille\s+d['’](?:or|argent)|"
    r"médaille\s+de\s+bronze|gold-?medaille|silber-?medaille|goldmedaille|medaglia\s+d['’](?:oro|argento)|"
    r"medaglia\s+di\s+bronzo|ganador[ae]?|lauréate?|gewinner|vincitore|vincitrice|vencedor[ae]?)"
)
_EVENT = rf"(?:{_ARTICLE}\s+)?(?-i:[A-ZÀ-ÖØ-Þ][\w'’&-]*(?:\s+(?:{_JOIN}\s+)?[A-ZÀ-ÖØ-Þ][\w'’&-]*){{0,5}})"
"""A prize's capitalised name ('the Kestrel Coffee Awards', 'Concours Général Agricole'); a year after it
is a date's (shapes.py reads dates first)."""
_AWARDS = (
    rf"\b{_MEDAL}\s+(?:at|in|of|en|de|del|au|aux|à|du|des|bei|beim|der|al|alla|ai|del|dei|no|na|nos|do|da)"
    rf"\s+{_EVENT}|"
    rf"\b(?:{_AWARDED})(?![\w'’-])(?:\s+(?:at|in|en|au|aux|à|bei|beim|al|alla|no|na|nos|nel|nella)\s+"
    rf"{_EVENT})?"
)

_MADE = (
    r"made|produced|manufactured|crafted|brewed|grown|built|assembled|printed|sewn|roasted|distilled|"
    r"hech[oa]s?|fabricad[oa]s?|elaborad[oa]s?|producid[oa]s?|cultivad[oa]s?|ensamblad[oa]s?|"
    r"tostad[oa]s?|fabriquée?s?|faite?s?|produite?s?|assemblée?s?|torréfiée?s?|cultivée?s?|"
    r"brassée?s?|hergestellt|produziert|gefertigt|gebraut|geröstet|fatt[oaie]|prodott[oaie]|"
    r"fabbricat[oaie]|realizzat[oaie]|coltivat[oaie]|tostat[oaie]|feit[oa]s?|produzid[oa]s?|"
    r"cultivad[oa]s?|torrad[oa]s?"
)
_WHERE = (
    r"(?:in|en|em|no|na|nos|nas|au|aux|à|a|im|nel|nella|negli|nelle|in\s+der|in\s+den|in\s+el|en\s+el|"
    r"en\s+la|dans\s+le|dans\s+la)"
)
_PLACE = (
    r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+(?:(?:de|del|di|da|do|des|du|la|le|am|an)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})"
)
_MADE_IN = (
    rf"\b(?:{_MADE})\s+{_WHERE}\s+{_PLACE}(?![\w'’-])(?!['’]s)|"
    # German puts the place first: 'in Deutschland hergestellt', 'in Bayern gebraut'
    rf"\bin\s+(?:der\s+|dem\s+)?{_PLACE}\s+(?:hergestellt|produziert|gefertigt|gebraut|geröstet|entwickelt)\b|"
    r"\b(?:hech[oa]s?|fabricad[oa]s?|elaborad[oa]s?|cosid[oa]s?|tejid[oa]s?|fatt[oaie]|cucit[oaie]|"
    r"feit[oa]s?|costurad[oa]s?)\s+(?:a\s+mano|à\s+mão)\b|\bfaite?s?\s+(?:main|à\s+la\s+main)\b|"
    r"\bhand(?:gemacht|gefertigt|made)\w*\b"
)

_YEAR = r"(?:19|20)\d{2}(?!\d|[.,:/]\d)"
_NAME_WORD = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’&-]*)"
_PRIZE_NAME = rf"{_NAME_WORD}(?:\s+(?:{_JOIN}\s+|(?:la|le|el|l['’])\s+)?{_NAME_WORD}){{0,4}}"
_PRIZE_LEAD = (
    r"pr[ée]mios?|prêmios?|premios?|trof[ée]us?|trofeos?|trophée|medalha|medalla|medaglia|médaille|"
    r"medaille|award|trophy"
)
"""The words an award's name opens with ('Prémio Design Lusitano', 'Premio Tapa de Oro', 'Trofeo Zorvik');
French 'prix' and German 'Preis' also name a price ('Prix : 29 €'), so they open an award only with its
year."""
_PRIZE_TAIL = r"awards?|prize|trophy|preis|pr[ée]mios?|prêmios?|premios?"
_OF_THE_YEAR = (
    r"of\s+the\s+year|do\s+ano|del\s+año|dell['’]anno|de\s+l['’]ann[ée]e|des\s+jahres|de\s+l['’]anno"
)
_WINNER = (
    r"testsieger(?:in)?|sieger(?:in)?|gewinner(?:in)?|winner|vencedor[ae]?s?|ganador[ae]?s?|vincitor[ei]|"
    r"vincitrice|lauréate?s?|preisträger(?:in)?"
)
_AWARD_NAMES = (
    # 'Prémio Design Lusitano 2024', 'Premio Tapa de Oro', 'Prix Zorvik du Goût 2024'
    rf"(?i:\b(?:{_PRIZE_LEAD}))\s+(?:(?:{_JOIN}|la|le|el|l['’]|der|des)\s+)?{_PRIZE_NAME}|"
    rf"(?i:\b(?:prix|preis))\s+(?:(?:{_JOIN}|la|le|l['’]|der|des)\s+)?{_PRIZE_NAME}(?=\s+{_YEAR})|"
    # 'Kestrel Design Awards', 'Deutscher Designpreis 2025', 'Tênis do Ano 2025', 'Produkt des Jahres'
    rf"{_PRIZE_NAME}\s+(?i:{_PRIZE_TAIL})\b|(?-i:(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?\b[A-ZÄÖÜ][a-zäöüß]{{2,}}preis)(?=\s+{_YEAR})|"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?\s+(?i:{_OF_THE_YEAR})|"
    # 'Testsieger 2025', 'Gewinner der Goldenen Bohne 2024', 'vencedor do Prémio Zorvik'
    rf"(?i:\b(?:{_WINNER}))(?:\s+(?:{_JOIN}|der|des|de\s+la|of\s+the|the|do|da|del|dello|della)\s+"
    rf"{_PRIZE_NAME})?(?=\s+{_YEAR})"
)
AWARD_NAME = re.compile(rf"(?:{_AWARD_NAMES}|{_AWARDS})(?:\s+{_YEAR})?", re.I)
"""An award by its name, with its year where the brief writes one ('Prémio Design Lusitano 2024', 'Premio
Tapa de Oro', 'Testsieger 2025', 'Tênis do Ano 2025', 'Gold at the Norvel Awards 2024'): the year is the
award's, never a date of its own, and the name's words are no place ('Tapa de Oro')."""
AWARD_YEAR = re.compile(rf"(?:{_AWARD_NAMES}|{_AWARDS})\s+{_YEAR}", re.I)
"""An award with its year: `numbers.proof_points` reads it whole, where the shapes give the year to a date."""

_DIET = (
    r"vegan[oa]?s?|vegane[nrs]?|vegani|végan(?:e|es|s)?|végétalien(?:ne)?s?|vegetarian[oa]?s?|vegetariani|"
    r"vegetarisch(?:e[nrs]?)?|végétarien(?:ne)?s?|halal|kosher|koscher|casher|cacher|"
    # how it is grown and traded: 'Fairtrade and organic.', 'vino rosso biologico,' ('bio' alone is left
    # out: 'link in bio')
    r"organic|orgánic[oa]s?|orgânic[oa]s?|ecológic[oa]s?|ecologic[oa]|biologique|biologic[oa]|biologici|"
    r"biológic[oa]s?|biologisch(?:e[nrs]?)?|ökologisch(?:e[nrs]?)?|fair\s?trade|commerce\s+équitable|"
    r"comercio\s+justo|comércio\s+justo|commercio\s+equo(?:\s+e\s+solidale)?"
)
"""The words of a diet a food or a cosmetic keeps to, and of how it is grown and traded, in the six
languages (a closed class: the claims a label is regulated for)."""
_WHOLLY = (
    r"100\s?%|all|tudo|tod[oa]s?|alles|tutto|tutta|tutti|tout|toute|tous|totalmente|completamente|"
    r"komplett|rein|entièrement"
)
_DIET_CLAIM = (
    rf"(?:\b(?:{_WHOLLY})\s+)?(?:(?=(?-i:[a-zà-ÿ]))|(?<!\w\s)(?<![\w'’&-]))\b(?:{_DIET})\b"
    r"(?=\s*(?:[.,;:!?)\n]|$)|\s+(?:and|e|y|et|und|ed|o|ou|or|oder|&)\s)"
)
"""A diet as a claim of its own ('Tudo vegano.', 'Vegano' as a bullet, 'Alles vegan.', 'sem parabenos,
vegano', 'vegan und palmölfrei'): the word ends its clause or joins another claim; inside a name ('Zorvik
Vegan', after a capitalised word) or before a noun ('vegan bakery') it is no claim of its own."""

PROOF_SHAPE = re.compile(
    rf"{_WARRANTIES}|{_BACKED}|{_TESTED_SO}|{_LEFT_OUT}|{_CERTIFICATIONS}|{AWARD_NAME.pattern}|{_MADE_IN}|"
    rf"{_DIET_CLAIM}|"
    r"\b(?:certified\s+)?[a-z]{3,}-(?:designed|tested|approved|certified|recommended|owned|made|led|backed|"
    r"winning|free)\b|"
    r"(?-i:\b[a-zäöüß]{4,}(?<!kosten)(?<!versand)frei)\b|"
    r"(?-i:\b(?:[A-Z][\w&-]*\s+){0,2}[A-Z0-9][\w-]{0,20})[- ]certified\b",
    re.I,
)
"""A claim a marketer must not soften, in the six languages (the module's docstring names the shapes):
'lifetime warranty', '2-year warranty', 'garantía de dos años', 'vet-designed', 'probado por dermatólogos',
'sem parabenos', 'certifié bio', 'preisgekrönt', 'fatto in Puglia', 'certified pre-owned', 'Fair Trade
certified', 'SOC 2 certified'; German writes its '-free' joined, 'plastikfrei', 'glutenfrei' (not a
cost's 'kostenfrei', an offer)."""

__all__ = ["AWARD_NAME", "AWARD_YEAR", "PROOF_SHAPE"]
