"""Extraction on sentences of our own: actors, direction, modality, dates, evidence.

Each case is a short news sentence with the events an analyst codes from it, written as
"TYPE SRC>TGT [date]" (">" for ordered pairs; CONSULT, AGREE and COOPERATE are compared
unordered, as the scorer does). These load the French spaCy model once.
"""
from __future__ import annotations

import pytest

import sommet

pytestmark = pytest.mark.model

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


def coded(events) -> set[str]:
    out = set()
    for e in events:
        pair = (e.source.country, e.target.country)
        if e.type in SYMMETRIC:
            pair = tuple(sorted(pair))
        out.add(f"{e.type} {pair[0]}>{pair[1]}")
    return out


def expected(*items: str) -> set[str]:
    out = set()
    for item in items:
        kind, pair = item.split()
        a, b = pair.split(">")
        if kind in SYMMETRIC:
            a, b = sorted((a, b))
        out.add(f"{kind} {a}>{b}")
    return out


CASES = [
    # actor forms: names, official names, abbreviations, demonyms, metonyms, IGOs, roles
    ("Le président sénégalais Bassirou Diomaye Faye a rencontré mardi à Dakar son homologue mauritanien.",
     "2024-05-14", ["CONSULT SEN>MRT"]),
    ("La RPDC a accusé les États-Unis de préparer une guerre.", "2023-03-10", ["ACCUSE PRK>USA"]),
    ("Le Kremlin a condamné les nouvelles sanctions adoptées par Bruxelles.", "2024-06-24", ["ACCUSE RUS>IGO:EU"]),
    ("La Maison-Blanche a salué la libération des otages par le Hamas.", "2025-01-20", ["SUPPORT USA>PSE"]),
    ("Le chef de la diplomatie chinoise s'est entretenu jeudi au téléphone avec son homologue brésilien.",
     "2024-02-15", ["CONSULT CHN>BRA"]),
    ("L'ONU a exhorté l'Éthiopie à ouvrir des couloirs humanitaires.", "2021-11-05", ["REQUEST IGO:UN>ETH"]),
    ("La délégation iranienne a été reçue lundi par le ministre omanais des Affaires étrangères.",
     "2023-05-08", ["CONSULT IRN>OMN"]),
    ("Les talibans ont libéré deux ressortissants américains.", "2024-06-02", ["CONCEDE AFG>USA"]),
    # direction: host and visitor, passive, "de la part de", coordination, several actors
    ("Le roi du Maroc a reçu à Rabat le président nigérian Bola Tinubu.", "2024-03-05", ["CONSULT NGA>MAR"]),
    ("Le Premier ministre indien s'est rendu vendredi à Kiev.", "2024-08-23", ["CONSULT IND>UKR"]),
    ("L'ambassadeur de France a été expulsé par les autorités nigériennes.", "2023-09-01", ["SANCTION NER>FRA"]),
    ("Le Venezuela subit depuis des années des sanctions de la part des États-Unis.", "2022-05-10",
     ["SANCTION USA>VEN"]),
    ("Le Kenya et l'Éthiopie ont signé un accord de défense.", "2024-02-29", ["AGREE KEN>ETH"]),
    ("Poutine et Xi ont reçu Kim Jong-un à Pékin.", "2025-09-02", ["CONSULT PRK>RUS", "CONSULT PRK>CHN"]),
    ("Le sommet entre la Chine et l'Union européenne s'est tenu jeudi à Pékin.", "2023-12-07",
     ["CONSULT CHN>IGO:EU"]),
    ("Les armées indienne et française ont mené un exercice conjoint dans l'océan Indien.", "2024-05-20",
     ["COOPERATE IND>FRA"]),
    ("Rencontre Biden-Poutine : des retrouvailles sous le signe de la défiance.", "2021-06-16",
     ["CONSULT USA>RUS"]),
    # relative clauses: "qui" with a plural verb is the whole list; "que" is the phrase before it
    ("Le sommet a été convoqué par l'Égypte, la Jordanie et le Qatar, qui accusent Israël de bloquer l'aide.",
     "2024-03-04", ["ACCUSE EGY>ISR", "ACCUSE JOR>ISR", "ACCUSE QAT>ISR"]),
    ("Le Niger a rompu ses relations avec la Côte d'Ivoire, qu'il accuse d'héberger des opposants.",
     "2024-03-04", ["SANCTION NER>CIV", "ACCUSE NER>CIV"]),
    ("La Guinée et ses voisins du Liberia et de la Sierra Leone ont fermé leurs frontières avec le Mali.",
     "2024-03-04", ["SANCTION GIN>MLI", "SANCTION LBR>MLI", "SANCTION SLE>MLI"]),
    # verbs conjugated with "être" are not passives; a demonym's noun belongs to its phrase
    ("L'Éthiopie et l'Érythrée sont convenues de rouvrir leur frontière commune.", "2018-09-11",
     ["AGREE ETH>ERI"]),
    ("Le Burkina Faso a ordonné l'expulsion de tous les diplomates français en poste à Ouagadougou.",
     "2023-04-27", ["SANCTION BFA>FRA"]),
    ("Le Conseil de sécurité a rétabli l'ensemble des sanctions contre l'Iran.", "2025-09-28",
     ["SANCTION IGO:UN>IRN"]),
    # appositions naming someone else; lists after "entre"; a subject shared with an opening clause
    ("Après s'être entretenu avec le ministre allemand des Affaires étrangères, le Premier ministre "
     "moldave a demandé une aide accrue.", "2024-03-04", ["CONSULT MDA>DEU"]),
    ("Le texte a été signé lors d'une rencontre entre le président kényan William Ruto, le Premier "
     "ministre éthiopien Abiy Ahmed et le président somalien.", "2024-03-04",
     ["AGREE KEN>ETH", "AGREE KEN>SOM", "AGREE ETH>SOM", "CONSULT KEN>ETH", "CONSULT KEN>SOM", "CONSULT ETH>SOM"]),
    ("Lors de la visite du président turc à Bakou, les deux pays ont signé trois accords.", "2024-03-04",
     ["CONSULT TUR>AZE", "AGREE TUR>AZE"]),
    # a demonym on an act noun is its author; after a preposition "des" is an article
    ("Washington a imposé de nouvelles sanctions économiques américaines à l'Iran.", "2024-03-04",
     ["SANCTION USA>IRN"]),
    ("Pékin a annoncé des sanctions contre des entreprises américaines de défense.", "2024-03-04",
     ["SANCTION CHN>USA"]),
    ("Le président français a exprimé son soutien au peuple ukrainien.", "2024-03-04", ["SUPPORT FRA>UKR"]),
    ("Israël tient le Hamas pour responsable de l'attaque contre le kibboutz.", "2023-10-10", ["ACCUSE ISR>PSE"]),
    ("Le mécanisme a été déclenché par le Royaume-Uni, la France et l'Allemagne, qui accusent l'Iran "
     "de tricher.", "2025-08-28", ["ACCUSE GBR>IRN", "ACCUSE FRA>IRN", "ACCUSE DEU>IRN"]),
    ("L'invasion de l'Ukraine par la Russie a été condamnée par le Japon.", "2022-02-25",
     ["ASSAULT RUS>UKR", "ACCUSE JPN>RUS"]),
    # misparsed objects: after inserted circumstances, or taken for a participle on the subject
    ("Le roi du Maroc a reçu, ce mardi 4 mars à Rabat, le président du Sénégal, Macky Sall.", "2014-03-04",
     ["CONSULT SEN>MAR"]),
    ("Le ministre ghanéen des Affaires étrangères a, lors d'un point de presse, accusé Lomé de "
     "soutenir les rebelles.", "2024-05-02", ["ACCUSE GHA>TGO"]),
    # what is answered belongs to the other side
    ("Pékin rejette les accusations américaines d'espionnage.", "2023-02-06", ["REJECT CHN>USA"]),
    # companions share the subject's role: "accompagné de", "ainsi que"
    ("Le Mali, accompagné du Niger et du Burkina Faso, a rappelé ses ambassadeurs en Algérie.", "2025-04-07",
     ["SANCTION MLI>DZA", "SANCTION NER>DZA", "SANCTION BFA>DZA"]),
    # an opening occasion phrase the parser leaves without a verb
    ("Plus tôt dans la journée, au cours d'un échange direct avec son homologue indien, le président "
     "chinois a appelé au calme.", "2024-10-22", ["CONSULT CHN>IND"]),
    # a claim that another side acted accuses it; not one about one's own side or a hope
    ("Séoul a affirmé que des soldats nord-coréens avaient été déployés en Russie.", "2024-10-18",
     ["ACCUSE KOR>PRK"]),
    ("Washington a affirmé que les forces américaines avaient frappé des positions en Syrie.", "2024-02-03",
     ["ASSAULT USA>SYR"]),
    ("Le président américain a dit espérer que les affrontements entre l'Inde et le Pakistan cessent.",
     "2025-05-07", []),
    # leaders named without their country, from the knowledge base; a bare role is the last one named
    ("Kyriakos Mitsotakis a reçu Recep Tayyip Erdogan à Athènes.", "2023-12-07", ["CONSULT GRC>TUR"]),
    ("Andry Rajoelina s'est entretenu avec Emmanuel Macron à l'Élysée.", "2019-10-23", ["CONSULT MDG>FRA"]),
    ("Le président brésilien a reçu le Premier ministre portugais à Brasilia. Le lendemain, le président "
     "a rencontré le chef de l'État angolais.", "2023-04-22", ["CONSULT BRA>PRT", "CONSULT BRA>AGO"]),
    # a city naming an agreement is no party to it
    ("Le Japon a conclu avec Séoul l'accord de Vienne sur la pêche.", "2015-07-14", ["AGREE JPN>KOR"]),
    # members listed in brackets after an organisation are not its counterparts
    ("Le sommet de l'ASEAN (Indonésie, Malaisie, Viêt Nam et Thaïlande) s'ouvre lundi.", "2023-09-04", []),
    # an organisation named once in full is then named by its first word, whatever comes later
    ("Le Conseil de sécurité s'est réuni lundi. La Suède et la France ont demandé une nouvelle réunion "
     "du Conseil. Le Conseil de sécurité votera jeudi.", "2024-03-04", ["REQUEST SWE>IGO:UN", "REQUEST FRA>IGO:UN"]),
    # modality: negated, hypothetical, denied, cancelled events are not events; threats are
    ("Le président turc ne s'est pas rendu à Damas.", "2024-01-10", []),
    ("Paris pourrait imposer des sanctions à Moscou.", "2024-01-10", []),
    ("La France plaide pour un cessez-le-feu entre Israël et le Hezbollah.", "2024-10-01", []),
    ("La Turquie exige des excuses d'Israël pour le traitement infligé à son ambassadeur.", "2010-01-13",
     ["REQUEST TUR>ISR"]),
    ("Le Kremlin dément toute rencontre entre Poutine et Zelensky.", "2024-01-10", []),
    ("Le Premier ministre belge avait prévu de se rendre au Maroc cette semaine.", "2024-01-10", []),
    ("Le Premier ministre belge doit se rendre au Maroc mardi.", "2024-01-10", ["CONSULT BEL>MAR"]),
    ("La visite du Premier ministre japonais en Chine a été annulée.", "2024-01-10", []),
    ("Washington a menacé Caracas de nouvelles sanctions.", "2019-05-01", ["THREATEN USA>VEN"]),
    ("L'Algérie a rejeté la demande de la France de reprendre les expulsions.", "2025-03-17",
     ["REJECT DZA>FRA"]),
    # no interstate event
    ("La France a battu le Maroc 2-0 en demi-finale de la Coupe du monde.", "2022-12-14", []),
    ("Le Parlement sénégalais a adopté le budget de l'État pour 2025.", "2024-12-20", []),
]


@pytest.mark.parametrize("text, date, want", CASES, ids=[c[0][:40] for c in CASES])
def test_events_of_sentence(text, date, want):
    assert coded(sommet.extract(text, date=date)) == expected(*want)


@pytest.mark.parametrize("text, date, want", [
    ("Le président cubain a rencontré le 4 novembre le dirigeant nord-coréen.", "2018-11", "2018-11-04"),
    ("Le président cubain a rencontré vendredi le dirigeant nord-coréen.", "2018-11", "2018-11"),
    ("Le président cubain a rencontré vendredi le dirigeant nord-coréen.", "2018-11-09", "2018-11-09"),
    ("Fidel Castro s'était rendu en Corée du Nord en 1986.", "2018-11", "1986"),
    ("Le président russe s'était rendu en Corée du Nord en juillet 2000.", "2024-06", "2000-07"),
    ("Le dirigeant nord-coréen s'est rendu en Russie l'an dernier.", "2024-06", "2023"),
    ("Le ministre chinois a rencontré hier son homologue indien.", "2024-03-12", "2024-03-11"),
    ("Le président cubain a rencontré le dirigeant nord-coréen.", "2018-11-04", "2018-11-04"),
    ("Le président cubain s'était rendu en Russie.", "2018-11-04", None),
])
def test_event_date_is_as_precise_as_the_text_allows(text, date, want):
    events = sommet.extract(text, date=date)
    assert len(events) == 1
    assert (events[0].date.value if events[0].date else None) == want


def test_scheduled_event_is_flagged():
    events = sommet.extract("Le président français doit se rendre demain à Alger.", date="2024-10-07")
    assert coded(events) == expected("CONSULT FRA>DZA")
    assert events[0].scheduled and events[0].date.value == "2024-10-08"


def test_leader_named_by_role_resolves_to_holder_at_the_date():
    trump = sommet.extract("Le président américain a menacé le Venezuela.", date="2019-05-01")
    biden = sommet.extract("Le président américain a menacé le Venezuela.", date="2023-05-01")
    assert trump[0].source.name == "Donald Trump" and trump[0].source.inferred
    assert biden[0].source.name == "Joe Biden"


def test_later_mentions_resolve_to_the_person_met_first():
    text = ("Le président kényan William Ruto est arrivé lundi à Addis-Abeba. "
            "M. Ruto a ensuite rencontré le Premier ministre éthiopien.")
    events = sommet.extract(text, date="2024-02-12")
    assert {e.source.name for e in events} == {"William Ruto"}
    assert {e.source.country for e in events} == {"KEN"}


def test_unknown_person_learned_from_an_apposition():
    text = ("Kofi Mensah, vice-ministre ghanéen des Affaires étrangères, est arrivé mardi à Pékin. "
            "M. Mensah a ensuite rencontré le chef de la diplomatie chinoise.")
    events = sommet.extract(text, date="2024-03-05")
    assert coded(events) == expected("CONSULT GHA>CHN")
    assert {e.source.name for e in events} == {"Kofi Mensah"}


@pytest.mark.parametrize("text, want", [
    ("Le président cubain a rencontré le dirigeant nord-coréen à Pyongyang. "
     "Les deux pays ont ensuite signé un accord de coopération.", ["CONSULT CUB>PRK", "AGREE CUB>PRK"]),
    ("Le Mali, le Burkina Faso et le Niger ont quitté la CEDEAO en janvier. "
     "Les trois pays ont signé mardi un pacte de défense mutuelle.",
     ["AGREE MLI>BFA", "AGREE MLI>NER", "AGREE BFA>NER"]),
])
def test_plural_phrases_stand_for_the_countries_last_named(text, want):
    assert coded(sommet.extract(text, date="2024-07-09")) >= expected(*want)


def test_evidence_points_into_the_text_as_given():
    text = " date 2018-11 Publicité\n\nLe président cubain a rencontré le 4 novembre le dirigeant nord-coréen."
    (event,) = sommet.extract(text)
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert event.evidence.text.startswith("Le président cubain")
    assert event.date.value == "2018-11-04"


def test_one_occasion_told_twice_is_one_event():
    text = ("Le président cubain a rencontré le dirigeant nord-coréen le 4 novembre à Pyongyang. "
            "Le dirigeant nord-coréen a reçu le président cubain le 4 novembre.")
    events = sommet.extract(text, date="2018-11")
    assert len(events) == 1
    assert (events[0].source.country, events[0].target.country) == ("CUB", "PRK")   # visitor -> host


def test_a_visit_under_way_and_its_planned_talks_are_one_occasion():
    text = ("Le président kenyan a accueilli mardi 14 mai son homologue tanzanien à Nairobi. Après la "
            "cérémonie d'accueil, les deux dirigeants doivent avoir des discussions sur le commerce.")
    events = sommet.extract(text, date="2024-05-15")
    assert [(e.type, e.scheduled) for e in events] == [("CONSULT", False)]


def test_location_is_geocoded():
    (event,) = sommet.extract("Le président cubain a été reçu au Kremlin par Vladimir Poutine.", date="2018-11-02")
    assert event.location is not None and event.location.country == "RUS"
    assert event.location.lat is not None


def test_foreign_language_document_is_refused_not_guessed():
    result = next(sommet.extract_many([sommet.Document(
        id="en", text="The Russian president met the North Korean leader in Pyongyang on Wednesday "
                      "to sign a new strategic partnership treaty.")]))
    assert result.events == []
    assert any("no pipeline" in e for e in result.errors)
