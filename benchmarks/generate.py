"""Synthetic guides of any size, for the benchmarks: N entries per language, German and French.

Run from the repository root::

    .venv/bin/python benchmarks/generate.py OUT_DIR --entries N [--cities K] [--seed S]

writes a complete content folder into OUT_DIR (which must not exist yet, or be empty): ``guide.yaml``,
``glossary.yaml`` (the city names that differ between the languages), and for ``de`` and ``fr`` the
home page, one ``_index.md`` per city and N entries spread over K cities (default
``max(4, N // 200)``). Each entry body has about 400 words: paragraphs, three ``##`` headings, a
bullet list and one to three links to other entries (``other.md`` or ``../city/other.md``, the
README's link syntax). The text comes from sentence templates written for this file, in German and
French typography (German „…“; French « » with narrow no-break spaces inside, a narrow no-break
space before ; ! ?, a no-break space before :), and every front-matter value follows the schema of
the README, so that ``build.py check --content OUT_DIR`` reports no errors and no warnings.

The same seed gives byte-identical files (``random.Random`` seeded with a string is the same on
every platform and Python 3 version). :func:`generate` does the same from Python, and
:func:`edit_entry` changes one sentence of one entry, for the benchmark of an incremental build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

LANGUAGES = ("de", "fr")
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
WORDS_PER_BODY = 400
#: the entry that :func:`edit_entry` changes when none is named
EDITED_LANG = "de"
#: the sentence edit_entry() writes, found again by the next edit
EDIT_MARK = re.compile(r"^(?:Überarbeitet \(Fassung|Révisé \(version) \d+\)[^.]*\. ")


# ---------------------------------------------------------------- the world the texts describe

@dataclass(frozen=True)
class City:
    folder: str
    de: str  #: the name in German texts
    fr: str  #: the name in French texts
    lat: float
    lon: float
    country: str  #: DE, FR, LU or BE: decides streets, postcode and phone format of the addresses
    postcode: str
    phone: str  #: the phone prefix, country and area code

    def name(self, lang: str) -> str:
        return self.de if lang == "de" else self.fr

    @property
    def local(self) -> str:
        """The name the addresses use: the one of the country's language."""
        return self.de if self.country == "DE" else self.fr


#: Cities of the Greater Region, in the order a guide takes them; coordinates of the centres.
CITIES = (
    City("luxembourg", "Luxemburg", "Luxembourg", 49.6116, 6.1319, "LU", "L-1661", "+352 22"),
    City("metz", "Metz", "Metz", 49.1193, 6.1757, "FR", "57000", "+33 3 87"),
    City("saarbruecken", "Saarbrücken", "Sarrebruck", 49.2402, 6.9969, "DE", "66111", "+49 681"),
    City("trier", "Trier", "Trèves", 49.7557, 6.6394, "DE", "54290", "+49 651"),
    City("nancy", "Nancy", "Nancy", 48.6921, 6.1844, "FR", "54000", "+33 3 83"),
    City("thionville", "Thionville", "Thionville", 49.3579, 6.1683, "FR", "57100", "+33 3 82"),
    City("kaiserslautern", "Kaiserslautern", "Kaiserslautern", 49.4401, 7.7491, "DE", "67655", "+49 631"),
    City("zweibruecken", "Zweibrücken", "Deux-Ponts", 49.2466, 7.3695, "DE", "66482", "+49 6332"),
    City("saarlouis", "Saarlouis", "Sarrelouis", 49.3134, 6.7513, "DE", "66740", "+49 6831"),
    City("sarreguemines", "Saargemünd", "Sarreguemines", 49.1099, 7.0684, "FR", "57200", "+33 3 87"),
    City("forbach", "Forbach", "Forbach", 49.1883, 6.8958, "FR", "57600", "+33 3 87"),
    City("verdun", "Verdun", "Verdun", 49.1598, 5.3844, "FR", "55100", "+33 3 29"),
    City("epinal", "Épinal", "Épinal", 48.1724, 6.4496, "FR", "88000", "+33 3 29"),
    City("bitburg", "Bitburg", "Bitburg", 49.9747, 6.5256, "DE", "54634", "+49 6561"),
    City("wittlich", "Wittlich", "Wittlich", 49.9869, 6.8897, "DE", "54516", "+49 6571"),
    City("merzig", "Merzig", "Merzig", 49.4431, 6.6366, "DE", "66663", "+49 6861"),
    City("homburg", "Homburg", "Hombourg", 49.3265, 7.3381, "DE", "66424", "+49 6841"),
    City("neunkirchen", "Neunkirchen", "Neunkirchen", 49.3448, 7.1799, "DE", "66538", "+49 6821"),
    City("pirmasens", "Pirmasens", "Pirmasens", 49.2012, 7.6050, "DE", "66953", "+49 6331"),
    City("esch-sur-alzette", "Esch an der Alzette", "Esch-sur-Alzette", 49.4958, 5.9806, "LU", "L-4001",
         "+352 54"),
    City("echternach", "Echternach", "Echternach", 49.8117, 6.4217, "LU", "L-6401", "+352 72"),
    City("diekirch", "Diekirch", "Diekirch", 49.8686, 6.1597, "LU", "L-9201", "+352 80"),
    City("ettelbruck", "Ettelbrück", "Ettelbruck", 49.8475, 6.1042, "LU", "L-9001", "+352 81"),
    City("remich", "Remich", "Remich", 49.5447, 6.3672, "LU", "L-5501", "+352 23"),
    City("arlon", "Arlon", "Arlon", 49.6833, 5.8167, "BE", "6700", "+32 63"),
    City("longwy", "Longwy", "Longwy", 49.5197, 5.7661, "FR", "54400", "+33 3 82"),
    City("toul", "Toul", "Toul", 48.6750, 5.8917, "FR", "54200", "+33 3 83"),
    City("luneville", "Lunéville", "Lunéville", 48.5894, 6.4964, "FR", "54300", "+33 3 83"),
    City("saint-avold", "Sankt Avold", "Saint-Avold", 49.1042, 6.7064, "FR", "57500", "+33 3 87"),
    City("voelklingen", "Völklingen", "Völklingen", 49.2500, 6.8500, "DE", "66333", "+49 6898"),
    City("bar-le-duc", "Bar-le-Duc", "Bar-le-Duc", 48.7727, 5.1600, "FR", "55000", "+33 3 29"),
    City("pont-a-mousson", "Pont-à-Mousson", "Pont-à-Mousson", 48.9053, 6.0544, "FR", "54700", "+33 3 83"),
    City("idar-oberstein", "Idar-Oberstein", "Idar-Oberstein", 49.7114, 7.3131, "DE", "55743", "+49 6781"),
    City("saarburg", "Saarburg", "Saarburg", 49.6089, 6.5497, "DE", "54439", "+49 6581"),
    City("bernkastel-kues", "Bernkastel-Kues", "Bernkastel-Kues", 49.9161, 7.0694, "DE", "54470", "+49 6531"),
    City("mondorf-les-bains", "Bad Mondorf", "Mondorf-les-Bains", 49.5050, 6.2811, "LU", "L-5601", "+352 23"),
    City("vianden", "Vianden", "Vianden", 49.9350, 6.2089, "LU", "L-9401", "+352 83"),
    City("clervaux", "Clerf", "Clervaux", 50.0547, 6.0314, "LU", "L-9701", "+352 92"),
)

STREETS = {
    "DE": ("Hauptstraße", "Bahnhofstraße", "Marktplatz", "Kirchgasse", "Schulstraße", "Brückenstraße",
           "Neustraße", "Klostergasse", "Mühlenweg", "Gartenstraße", "Am Stadtgraben", "Lindenallee"),
    "FR": ("rue des Jardins", "place Saint-Louis", "rue du Pont", "rue de la Gare", "rue des Tanneurs",
           "quai des Régates", "rue Mazelle", "rue du Palais", "avenue Foch", "rue des Clercs",
           "place de la Comédie", "rue Taison"),
    "LU": ("rue du Marché-aux-Herbes", "Grand-Rue", "avenue de la Liberté", "rue de l’Eau", "boulevard Royal",
           "rue Notre-Dame", "place Guillaume-II", "rue du Fossé", "rue de la Poste", "rue Philippe-II"),
}
STREETS["BE"] = STREETS["FR"]
COUNTRY_NAMES = {"de": {"FR": "Frankreich", "LU": "Luxemburg", "BE": "Belgien"},
                 "fr": {"DE": "Allemagne", "LU": "Luxembourg", "BE": "Belgique"}}
HOME_COUNTRY = {"de": "DE", "fr": "FR"}

CATEGORIES = ("sight", "museum", "culture", "nature", "food", "drink", "shopping", "stay", "practical")

#: Places of a town: German with its preposition (``am Alten Markt``), French as a complement
#: (``du Vieux-Marché``) and after à (``au Vieux-Marché``).
SQUARES = (
    ("am Alten Markt", "du Vieux-Marché", "au Vieux-Marché"),
    ("am Schlossplatz", "de la place du Château", "à la place du Château"),
    ("am Kornmarkt", "du Marché-aux-Grains", "au Marché-aux-Grains"),
    ("an der Stadtmauer", "des Remparts", "aux Remparts"),
    ("am Flussufer", "des Quais", "sur les quais"),
    ("am Domplatz", "de la place de la Cathédrale", "à la place de la Cathédrale"),
    ("am Rathaus", "de l’Hôtel-de-Ville", "à l’hôtel de ville"),
    ("im Gerberviertel", "du quartier des Tanneurs", "au quartier des Tanneurs"),
    ("am Fischmarkt", "du Marché-aux-Poissons", "au Marché-aux-Poissons"),
    ("am Bahnhof", "de la Gare", "à la gare"),
    ("am Klostergarten", "du Jardin-du-Couvent", "au jardin du couvent"),
    ("an der Alten Mühle", "du Vieux-Moulin", "au Vieux-Moulin"),
)
SAINTS = (("St. Paulin", "Saint-Paulin"), ("St. Maximin", "Saint-Maximin"), ("St. Martin", "Saint-Martin"),
          ("St. Gangolf", "Saint-Gangolf"), ("St. Johann", "Saint-Jean"), ("St. Peter", "Saint-Pierre"),
          ("St. Michael", "Saint-Michel"), ("St. Barbara", "Sainte-Barbe"), ("St. Nikolaus", "Saint-Nicolas"),
          ("St. Stephan", "Saint-Étienne"), ("St. Vinzenz", "Saint-Vincent"), ("St. Eucharius", "Saint-Eucaire"))
FAMILIES = ("Becker", "Schmitt", "Weber", "Müller", "Hoffmann", "Klein", "Wagner", "Thiel", "Kremer", "Reuter",
            "Dupont", "Lambert", "Mathieu", "Girard", "Fontaine", "Moreau", "Schneider", "Hermann", "Collin",
            "Marchal", "Thomas", "Simon", "Petit", "Wolff", "Feltz", "Kieffer", "Schaus", "Weis", "Hansen",
            "Mertens", "Noël", "Bour", "Gérard", "Stein", "Backes", "Lorang")
TOPICS = (("Stadtgeschichte", "d’histoire de la ville"), ("Keramik", "de la céramique"),
          ("Volkskunde", "des arts et traditions populaires"), ("Eisenbahngeschichte", "du chemin de fer"),
          ("Weinbau", "de la vigne et du vin"), ("Buchdruck", "de l’imprimerie"), ("Archäologie", "d’archéologie"),
          ("moderne Kunst", "d’art moderne"), ("Industriekultur", "de la culture industrielle"),
          ("Spielzeug", "du jouet"))

#: Title patterns per category, German and French; {sq_de}/{sq_fr} a square, {saint_*}, {family}, {topic_*}.
TITLES = {
    "sight": (("Stadttor {sq_de}", "Porte {sq_fr}"), ("Brunnen {sq_de}", "Fontaine {sq_fr}"),
              ("Wehrturm {sq_de}", "Tour {sq_fr}"), ("Kirche {saint_de}", "Église {saint_fr}"),
              ("Haus {family}", "Maison {family}"), ("Palais {family}", "Hôtel {family}"),
              ("Kapelle {saint_de}", "Chapelle {saint_fr}")),
    "museum": (("Museum {sq_de}", "Musée {sq_fr}"), ("Stadtmuseum im Haus {family}", "Musée de la maison {family}"),
               ("Sammlung {family}", "Collection {family}"), ("Museum für {topic_de}", "Musée {topic_fr}")),
    "culture": (("Theater {sq_de}", "Théâtre {sq_fr}"), ("Kulturzentrum {family}", "Centre culturel {family}"),
                ("Konzertsaal {sq_de}", "Salle de concert {sq_fr}"), ("Kino {family}", "Cinéma {family}"),
                ("Galerie {family}", "Galerie {family}")),
    "nature": (("Stadtpark {sq_de}", "Parc {sq_fr}"), ("Botanischer Garten {family}", "Jardin botanique {family}"),
               ("Aussichtspunkt {saint_de}", "Belvédère {saint_fr}"),
               ("Weinbergpfad {family}", "Sentier viticole {family}"), ("Rosengarten {sq_de}", "Roseraie {sq_fr}")),
    "food": (("Restaurant {family}", "Restaurant {family}"), ("Gasthaus {sq_de}", "Auberge {sq_fr}"),
             ("Bistro {family}", "Bistrot {family}"), ("Konditorei {family}", "Pâtisserie {family}")),
    "drink": (("Weinstube {family}", "Bar à vin {family}"), ("Brauerei {family}", "Brasserie {family}"),
              ("Kaffeehaus {sq_de}", "Café {sq_fr}"), ("Weingut {family}", "Domaine {family}"),
              ("Teesalon {family}", "Salon de thé {family}")),
    "shopping": (("Wochenmarkt {sq_de}", "Marché {sq_fr}"), ("Buchhandlung {family}", "Librairie {family}"),
                 ("Feinkost {family}", "Épicerie fine {family}"), ("Töpferei {family}", "Poterie {family}"),
                 ("Markthalle {sq_de}", "Halle {sq_fr}")),
    "stay": (("Hotel {family}", "Hôtel {family}"), ("Gästehaus {sq_de}", "Maison d’hôtes {sq_fr}"),
             ("Jugendherberge {sq_de}", "Auberge de jeunesse {sq_fr}"), ("Pension {family}", "Pension {family}"),
             ("Campingplatz {sq_de}", "Camping {sq_fr}")),
    "practical": (("Tourist-Information {sq_de}", "Office de tourisme {sq_fr}"),
                  ("Fahrradverleih {family}", "Location de vélos {family}"), ("Parkhaus {sq_de}", "Parking {sq_fr}"),
                  ("Busbahnhof {sq_de}", "Gare routière {sq_fr}"),
                  ("Stadtbibliothek {sq_de}", "Bibliothèque municipale {sq_fr}")),
}
TAGS = {
    "sight": (("altstadt", "vieille-ville"), ("mittelalter", "moyen-age"), ("architektur", "architecture")),
    "museum": (("ausstellung", "exposition"), ("geschichte", "histoire"), ("kunst", "art")),
    "culture": (("buehne", "scene"), ("konzert", "concert"), ("film", "cinema")),
    "nature": (("park", "parc"), ("aussicht", "panorama"), ("spaziergang", "promenade")),
    "food": (("kueche", "cuisine"), ("regional", "terroir"), ("mittagessen", "dejeuner")),
    "drink": (("wein", "vin"), ("bier", "biere"), ("kaffee", "cafe")),
    "shopping": (("markt", "marche"), ("handwerk", "artisanat"), ("geschenke", "cadeaux")),
    "stay": (("uebernachten", "hebergement"), ("familien", "familles"), ("ruhig", "calme")),
    "practical": (("service", "service"), ("mobilitaet", "mobilite"), ("information", "information")),
}
HOURS = ("Tu-Su 10:00-18:00; Mo off", "Mo-Fr 09:00-18:00; Sa 09:00-13:00", "Mo-Sa 11:30-14:30,18:00-22:30",
         "We-Mo 10:00-17:00", "24/7", "Mo-Su 08:00-20:00", "Tu-Sa 10:00-19:00; Su 14:00-18:00")
#: headings of the three sections of an entry, German and French (three different ones are drawn)
HEADINGS = (("Geschichte", "Histoire"), ("Ein Blick hinein", "À l’intérieur"), ("Was man sehen sollte", "À voir"),
            ("Besuch", "Visite"), ("Praktisches", "Infos pratiques"), ("Gut zu wissen", "Bon à savoir"),
            ("In der Umgebung", "Aux alentours"), ("Für Familien", "En famille"), ("Am Abend", "Le soir"),
            ("Lage und Anfahrt", "Accès"), ("Tipps", "Conseils"), ("Baugeschichte", "Un peu d’histoire"))

# Sentences: the same template number in both languages, filled with the same choices, so that the
# French page is a translation of the German one. French spaces before : ; ! ? and inside « » are
# written as plain spaces here and set by french_typography().
SENTENCES = (
    ("{T} gehört zu den Orten in {C}, die man leicht übersieht und an die man sich lange erinnert.",
     "{T} fait partie de ces lieux, à {C}, que l’on remarque à peine et dont on se souvient longtemps."),
    ("Vom Bahnhof sind es rund {M} Minuten zu Fuß, der Weg führt durch ruhige Seitenstraßen.",
     "Depuis la gare, comptez environ {M} minutes à pied par de petites rues tranquilles."),
    ("Schon im {JH}. Jahrhundert wird der Ort in einer Urkunde erwähnt.",
     "Le lieu est mentionné dès le {SIECLE} siècle dans une charte."),
    ("Das heutige Gebäude entstand um {Y} aus {mat_de}.",
     "Le bâtiment actuel a été construit vers {Y} en {mat_fr}."),
    ("Die Familie {fam} hat das Haus über mehrere Generationen geprägt.",
     "La famille {fam} a marqué la maison pendant plusieurs générations."),
    ("Wer morgens kommt, hat die Räume oft fast für sich allein.",
     "Le matin, on a souvent les salles presque pour soi."),
    ("Im {season_de} ist es hier besonders {adj_de}.",
     "{season_fr}, l’endroit est particulièrement {adj_fr}."),
    ("Viele Besucher kommen wegen der Aussicht und bleiben wegen der Atmosphäre.",
     "Beaucoup viennent pour la vue et restent pour l’ambiance."),
    ("Für den Rundgang braucht man etwa {dur_de}, mit Pausen etwas länger.",
     "Comptez {dur_fr} pour la visite, un peu plus avec des pauses."),
    ("Am {day_de} ist meist weniger los als am Wochenende.",
     "Le {day_fr}, il y a généralement moins de monde que le week-end."),
    ("Die Einheimischen nennen den Ort liebevoll „das alte Haus“.",
     "Les habitants l’appellent affectueusement « la vieille maison »."),
    ("Bei Regen lohnt sich ein Besuch ebenso, denn fast alles liegt unter Dach.",
     "Par temps de pluie, la visite vaut aussi le détour : presque tout est couvert."),
    ("Der Garten ist {adj_de} und lädt zu einer kurzen Pause ein.",
     "Le jardin est {adj_fr} et invite à une courte pause."),
    ("Auf den Tafeln am Eingang wird die Geschichte des Ortes in drei Sprachen erzählt.",
     "Sur les panneaux de l’entrée, l’histoire du lieu est racontée en trois langues."),
    ("Um {Y} brannte ein Teil des Gebäudes nieder und wurde bald darauf wieder aufgebaut.",
     "Vers {Y}, une partie du bâtiment brûla ; elle fut reconstruite peu après."),
    ("Im {JH2}. Jahrhundert kamen ein Seitenflügel und ein kleiner Garten hinzu.",
     "Au {SIECLE2} siècle, on ajouta une aile latérale et un petit jardin."),
    ("Eine Führung mit Frau {fam} oder Herrn {fam2} bringt manches Detail ans Licht.",
     "Une visite guidée avec Mme {fam} ou M. {fam2} révèle bien des détails."),
    ("Von hier aus ist man in wenigen Minuten {sq_de}.",
     "D’ici, on est en quelques minutes {sq_a}."),
    ("Kinder freuen sich über die kleinen Entdeckungen, die an jeder Ecke warten.",
     "Les enfants s’amusent des petites découvertes qui les attendent à chaque recoin."),
    ("Fotografieren ist erlaubt, solange man auf den Blitz verzichtet.",
     "Les photos sont permises, à condition de renoncer au flash."),
    ("Wer mehr wissen will, findet im kleinen Laden am Ausgang Bücher und Karten.",
     "Pour aller plus loin, la petite boutique de la sortie propose livres et cartes."),
    ("Die Preise sind moderat, und mit der Gästekarte gibt es oft eine Ermäßigung.",
     "Les prix restent modérés, et la carte d’hôte donne souvent droit à une réduction."),
    ("Barrierefrei zugänglich ist leider nur das Erdgeschoss.",
     "Seul le rez-de-chaussée est accessible aux fauteuils roulants."),
    ("Gleich um die Ecke gibt es ein Café mit Kuchen nach Hausrezept.",
     "Juste au coin de la rue, un café sert des gâteaux maison."),
    ("Das Licht am späten Nachmittag lässt die Fassade aus {mat_de} leuchten.",
     "En fin d’après-midi, la lumière fait briller la façade en {mat_fr}."),
    ("Seit {Y2} steht das Ensemble unter Denkmalschutz.",
     "L’ensemble est classé monument historique depuis {Y2}."),
    ("Während der Messe im {month_de} kann es voll werden – dann lohnt sich ein früher Besuch.",
     "Pendant la foire, en {month_fr}, il peut y avoir foule : mieux vaut venir tôt."),
    ("Im Sommer finden im Hof Konzerte und Lesungen statt.",
     "L’été, la cour accueille des concerts et des lectures."),
    ("Die Ausstattung ist schlicht, wirkt aber gerade dadurch {adj_de}.",
     "Le décor est sobre, mais c’est justement ce qui le rend {adj_fr}."),
    ("Wie viele Orte in {C} erzählt auch dieser von Grenzen, die sich immer wieder verschoben haben.",
     "Comme bien des lieux à {C}, celui-ci raconte des frontières qui n’ont cessé de bouger."),
    ("Besonders schön ist der Blick über die Dächer der Altstadt.",
     "La vue sur les toits de la vieille ville est particulièrement belle."),
    ("Ein Besuch lässt sich gut mit einem Spaziergang durch das Viertel verbinden.",
     "La visite se combine facilement avec une promenade dans le quartier."),
    ("Der Eintritt kostet {price_de} €, Kinder zahlen die Hälfte.",
     "L’entrée coûte {price_fr} €, demi-tarif pour les enfants."),
    ("Die Öffnungszeiten ändern sich je nach Jahreszeit; ein Blick auf die Website hilft.",
     "Les horaires changent selon la saison ; le site internet fait foi."),
    ("Schon {Y} schrieb ein Reisender, hier liege „die schönste Ecke der Stadt“.",
     "Dès {Y}, un voyageur écrivait que c’était « le plus beau coin de la ville »."),
    ("Am Wochenende bilden sich vor dem Eingang manchmal kurze Schlangen.",
     "Le week-end, de courtes files d’attente se forment parfois devant l’entrée."),
    ("Wer mit dem Rad kommt, findet Bügel direkt vor der Tür.",
     "Si vous venez à vélo, des arceaux vous attendent juste devant la porte."),
    ("Das Personal spricht Deutsch, Französisch und oft auch Luxemburgisch.",
     "Le personnel parle français, allemand et souvent luxembourgeois."),
    ("Hinter dem Haus liegt ein kleiner Garten mit alten Obstbäumen.",
     "Derrière la maison s’étend un petit jardin planté de vieux arbres fruitiers."),
    ("Nach dem Krieg wurde vieles vereinfacht wiederaufgebaut, doch die Grundmauern sind alt.",
     "Après la guerre, on a reconstruit plus simplement, mais les fondations sont anciennes."),
    ("Lohnt sich der Umweg? Ganz bestimmt!",
     "Le détour en vaut-il la peine ? Sans aucun doute !"),
    ("Ein Tipp für Kenner: der kleine Saal im ersten Stock.",
     "Un conseil d’initié : la petite salle du premier étage."),
    ("Im Winter ist es ruhiger, und an manchen Tagen hat man den Ort ganz für sich.",
     "En hiver, c’est plus calme, et certains jours on a le lieu pour soi tout seul."),
    ("Die Zimmer im Obergeschoss wurden {Y2} behutsam renoviert.",
     "Les pièces de l’étage ont été restaurées avec soin en {Y2}."),
    ("Neben dem Eingang erinnert eine Tafel an den Baumeister {fam2}.",
     "À côté de l’entrée, une plaque rappelle le souvenir de l’architecte {fam2}."),
    ("Am ersten Sonntag im Monat gibt es eine Führung für Familien.",
     "Le premier dimanche du mois, une visite est proposée aux familles."),
    ("Die Treppe zum Turm ist schmal und steil – festes Schuhwerk hilft.",
     "L’escalier de la tour est étroit et raide : de bonnes chaussures sont utiles."),
    ("Wer Hunger bekommt, findet {sq_de} mehrere kleine Lokale.",
     "Si la faim se fait sentir, on trouve plusieurs petits restaurants {sq_a}."),
)
LIST_ITEMS = (
    ("die Fassade aus {mat_de}", "la façade en {mat_fr}"),
    ("der Innenhof mit dem alten Brunnen", "la cour intérieure et son vieux puits"),
    ("Fenster aus dem {JH}. Jahrhundert", "des vitraux du {SIECLE} siècle"),
    ("die Ausstellung über die Familie {fam}", "l’exposition consacrée à la famille {fam}"),
    ("der Blick vom Turm über {C}", "la vue sur {C} depuis la tour"),
    ("das kleine Café im Erdgeschoss", "le petit café du rez-de-chaussée"),
    ("die Führungen am {day_de}", "les visites guidées du {day_fr}"),
    ("der Garten hinter dem Haus", "le jardin derrière la maison"),
    ("Veranstaltungen im {season_de}", "les animations de la belle saison"),
    ("Karten und Bücher im Laden am Ausgang", "cartes et livres à la boutique de la sortie"),
    ("die Gewölbe im Keller", "les voûtes de la cave"),
    ("eine Bank mit Blick auf den Platz", "un banc avec vue sur la place"),
)
#: sentences with a link to another entry, {L}; cross-city ones also name the city, {C2}
LINK_SENTENCES = (
    ("Nur wenige Schritte entfernt: {L}.", "À quelques pas de là : {L}."),
    ("Ebenfalls einen Besuch wert: {L}.", "À voir aussi : {L}."),
    ("Passend dazu empfiehlt sich {L}.", "Dans le même esprit, une adresse à retenir : {L}."),
    ("Wer noch Zeit hat, schaut bei {L} vorbei.", "S’il vous reste du temps, passez par {L}."),
)
CROSS_LINK_SENTENCES = (
    ("Wer nach {C2} weiterreist, findet dort {L}.", "Si vous poursuivez vers {C2}, une adresse à retenir : {L}."),
    ("Das Gegenstück in {C2}: {L}.", "Son pendant à {C2} : {L}."),
)
SUMMARIES = (
    ("Ein Ort in {C}, der seit dem {JH}. Jahrhundert Besucher anzieht.",
     "Un lieu qui, à {C}, attire les visiteurs depuis le {SIECLE} siècle."),
    ("Klein, {adj_de} und nur wenige Minuten vom Zentrum entfernt.",
     "Petit, {adj_fr} et à quelques minutes du centre-ville."),
    ("Seit Generationen von der Familie {fam} geführt – ein fester Punkt im Alltag von {C}.",
     "Tenu depuis des générations par la famille {fam} : un repère dans la vie {C_de_fr}."),
    ("Gebaut um {Y}, heute einer der {adj_sup_de} Orte {sq_de}.",
     "Construit vers {Y}, c’est aujourd’hui l’un des lieux les plus {adj_fr} du quartier."),
)
ADJECTIVES = (("ruhig", "calme", "ruhigsten"), ("stimmungsvoll", "charmant", "stimmungsvollsten"),
              ("eindrucksvoll", "impressionnant", "eindrucksvollsten"), ("hell", "lumineux", "hellsten"),
              ("lebendig", "animé", "lebendigsten"), ("angenehm", "agréable", "angenehmsten"),
              ("malerisch", "pittoresque", "malerischsten"), ("gemütlich", "chaleureux", "gemütlichsten"),
              ("überraschend", "surprenant", "überraschendsten"), ("friedlich", "paisible", "friedlichsten"))
MATERIALS = (("rotem Sandstein", "grès rouge"), ("gelbem Kalkstein", "calcaire jaune"), ("Backstein", "brique"),
             ("grauem Granit", "granit gris"), ("hellem Quaderstein", "pierre de taille"))
SEASONS = (("Frühling", "Au printemps"), ("Sommer", "En été"), ("Herbst", "En automne"), ("Winter", "En hiver"))
DAYS = (("Dienstag", "mardi"), ("Mittwoch", "mercredi"), ("Donnerstag", "jeudi"), ("Freitag", "vendredi"))
MONTHS = (("Mai", "mai"), ("Juni", "juin"), ("September", "septembre"), ("Oktober", "octobre"),
          ("Dezember", "décembre"))
DURATIONS = (("eine Stunde", "une heure"), ("anderthalb Stunden", "une heure et demie"),
             ("zwei Stunden", "deux heures"))
ROMAN = {12: "XIIe", 13: "XIIIe", 14: "XIVe", 15: "XVe", 16: "XVIe", 17: "XVIIe", 18: "XVIIIe", 19: "XIXe",
         20: "XXe"}


# ---------------------------------------------------------------- typography and YAML

def french_typography(text: str) -> str:
    """French spacing, written into the text: a narrow no-break space before ; ! ? and inside « »,
    a no-break space before : (Lexique des règles typographiques de l'Imprimerie nationale)."""
    text = re.sub(r" ([;!?])", NARROW_NBSP + r"\1", text)
    text = text.replace(" :", NBSP + ":").replace("« ", "«" + NARROW_NBSP).replace(" »", NARROW_NBSP + "»")
    return text.replace(" €", NBSP + "€")


def german_typography(text: str) -> str:
    """A number and its unit stay on one line."""
    return text.replace(" €", NBSP + "€")


TYPOGRAPHY = {"de": german_typography, "fr": french_typography}


def yaml_text(value: str) -> str:
    """A YAML scalar for any text: a JSON string is a valid YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


def slugify(text: str) -> str:
    """Lowercase ASCII letters, digits and hyphens, as file names and slugs must be."""
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# ---------------------------------------------------------------- the plan of the guide

@dataclass
class Entry:
    """One place, with what both languages say about it (texts are written from it later)."""

    index: int
    city: City
    category: str
    name: str  #: file name without .md, the same in every language
    titles: dict[str, str]
    slugs: dict[str, str | None]  #: the French slug where it differs from the file name
    slots: dict[str, str]  #: the values the sentence templates are filled with
    facts: dict[str, object]  #: front-matter values written in both files
    tags: tuple[tuple[str, str], ...]
    addresses: dict[str, str]
    price: dict[str, str | float] | None
    updated: dt.date


def cities_for(count: int) -> list[City]:
    """The first ``count`` cities; beyond the list, copies a little further east (``trier-2``)."""
    chosen = []
    for number in range(count):
        base = CITIES[number % len(CITIES)]
        round_ = number // len(CITIES)
        if round_ == 0:
            chosen.append(base)
        else:
            suffix = f" {round_ + 1}"
            chosen.append(City(f"{base.folder}-{round_ + 1}", base.de + suffix, base.fr + suffix,
                               base.lat, round(base.lon + 0.5 * round_, 4), base.country, base.postcode, base.phone))
    return chosen


def plan_entries(entries: int, cities: list[City], seed: int) -> list[Entry]:
    """Every entry's facts and titles, before any text: the texts link to other entries' titles."""
    planned = []
    for index in range(entries):
        city = cities[index * len(cities) // entries]  # contiguous blocks, about N/K per city
        rng = random.Random(f"{seed}:entry:{index}")
        category = CATEGORIES[rng.randrange(len(CATEGORIES))]
        square = rng.choice(SQUARES)
        saint = rng.choice(SAINTS)
        topic = rng.choice(TOPICS)
        family, family2 = rng.sample(FAMILIES, 2)
        adjective = rng.choice(ADJECTIVES)
        material = rng.choice(MATERIALS)
        season, day, month, duration = rng.choice(SEASONS), rng.choice(DAYS), rng.choice(MONTHS), rng.choice(DURATIONS)
        century, century2 = rng.randint(12, 17), rng.randint(18, 20)
        price = rng.choice((3, 4.5, 5, 6, 7.5, 8, 10, 12))
        title_de, title_fr = rng.choice(TITLES[category])
        names = {"sq_de": square[0], "sq_fr": square[1], "saint_de": saint[0], "saint_fr": saint[1],
                 "family": family, "topic_de": topic[0], "topic_fr": topic[1]}
        titles = {"de": title_de.format(**names), "fr": title_fr.format(**names)}
        name = f"{slugify(titles['de'])}-{index + 1}"
        french = f"{slugify(titles['fr'])}-{index + 1}"
        slots = {
            "sq_de": square[0], "sq_a": square[2], "fam": family, "fam2": family2,
            "adj_de": adjective[0], "adj_fr": adjective[1], "adj_sup_de": adjective[2],
            "mat_de": material[0], "mat_fr": material[1], "season_de": season[0], "season_fr": season[1],
            "day_de": day[0], "day_fr": day[1], "month_de": month[0], "month_fr": month[1],
            "dur_de": duration[0], "dur_fr": duration[1], "M": str(rng.randint(5, 25)),
            "Y": str(rng.randint(1150, 1890)), "Y2": str(rng.randint(1900, 1995)),
            "JH": str(century), "SIECLE": ROMAN[century], "JH2": str(century2), "SIECLE2": ROMAN[century2],
            "price_de": f"{price:.2f}".replace(".", ","), "price_fr": f"{price:.2f}".replace(".", ","),
        }
        facts: dict[str, object] = {
            "category": category,
            "stars": rng.choice((0, 1, 1, 1, 2, 2, 3)),
            "lat": round(city.lat + rng.uniform(-0.012, 0.012), 5),
            "lon": round(city.lon + rng.uniform(-0.018, 0.018), 5),
        }
        if category != "nature" and rng.random() < 0.8:
            facts["hours"] = rng.choice(HOURS)
        if rng.random() < 0.7:
            facts["website"] = f"https://www.example.org/{city.folder}/{name}"
        if category in ("food", "drink", "stay", "shopping", "practical") or rng.random() < 0.3:
            facts["phone"] = f"{city.phone} {rng.randint(100000, 999999)}"
        prices = None
        if category in ("museum", "sight", "culture") and rng.random() < 0.6:
            prices = {"de": price, "fr": price}
        elif category == "stay":
            amount = rng.choice((59, 75, 89, 110, 145))
            prices = {"de": f"ab {amount} €", "fr": f"à partir de {amount} €"}
        street = rng.choice(STREETS[city.country])
        number = rng.randint(1, 120)
        addresses = {lang: _address(street, number, city, lang) for lang in LANGUAGES}
        updated = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(330))
        tag_pairs = tuple(rng.sample(TAGS[category], 2))
        slugs = {"de": None, "fr": french if french != name else None}
        planned.append(Entry(index, city, category, name, titles, slugs, slots, facts, tag_pairs, addresses, prices,
                             updated))
    return planned


def _address(street: str, number: int, city: City, lang: str) -> str:
    if city.country == "DE":
        line = f"{street} {number}, {city.postcode} {city.local}"
    else:
        line = f"{number}, {street}, {city.postcode} {city.local}"
    country = COUNTRY_NAMES[lang].get(city.country) if city.country != HOME_COUNTRY[lang] else None
    return f"{line}, {country}" if country else line


# ---------------------------------------------------------------- writing the files

def entry_file(entry: Entry, lang: str, planned: list[Entry], by_city: dict[str, list[Entry]],
               seed: int) -> str:
    """The Markdown file of one entry in one language: front matter, then about 400 words."""
    front = [f"title: {yaml_text(entry.titles[lang])}"]
    if entry.slugs[lang]:
        front.append(f"slug: {entry.slugs[lang]}")
    facts = entry.facts
    front.append(f"category: {facts['category']}")
    rng = random.Random(f"{seed}:text:{entry.index}")  # the same draws for both languages
    slots = {**entry.slots, "C": entry.city.name(lang), "T": entry.titles[lang],
             "C_de_fr": _de_fr(entry.city.fr)}
    summary_de, summary_fr = rng.choice(SUMMARIES)
    summary = (summary_de if lang == "de" else summary_fr).format(**slots)
    front.append(f"summary: {yaml_text(TYPOGRAPHY[lang](summary))}")
    front.append(f"stars: {facts['stars']}")
    front.append(f"address: {yaml_text(entry.addresses[lang])}")
    front.append(f"lat: {facts['lat']}")
    front.append(f"lon: {facts['lon']}")
    if "hours" in facts:
        front.append(f"hours: {yaml_text(facts['hours'])}")
    if entry.price is not None:
        price = entry.price[lang]
        front.append(f"price: {price}" if isinstance(price, (int, float)) else
                     f"price: {yaml_text(TYPOGRAPHY[lang](price))}")
    if "website" in facts:
        front.append(f"website: {facts['website']}")
    if "phone" in facts:
        front.append(f"phone: {yaml_text(facts['phone'])}")
    tags = [pair[0] if lang == "de" else pair[1] for pair in entry.tags]
    front.append(f"tags: [{', '.join(tags)}]")
    front.append(f"updated: {entry.updated.isoformat()}")
    body = _entry_body(entry, lang, planned, by_city, rng, slots)
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def _de_fr(name: str) -> str:
    """``de`` + a French name, elided before a vowel: « de Metz », « d’Épinal »."""
    return f"d’{name}" if unicodedata.normalize("NFKD", name[0]).lower()[0] in "aeiouy" else f"de {name}"


def _entry_body(entry: Entry, lang: str, planned: list[Entry], by_city: dict[str, list[Entry]],
                rng: random.Random, slots: dict[str, str]) -> str:
    column = 0 if lang == "de" else 1

    def sentence(template_pair: tuple[str, str], extra: dict[str, str] | None = None) -> str:
        return TYPOGRAPHY[lang](template_pair[column].format(**slots, **(extra or {})))

    order = list(range(1, len(SENTENCES)))
    rng.shuffle(order)
    order.insert(0, 0)  # the entry opens with the sentence that names it
    headings = rng.sample(HEADINGS, 3)
    items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
    # the paragraphs: intro, after each heading; sentences are dealt to them until the German text
    # has about WORDS_PER_BODY words (both languages get the same sentences)
    paragraphs: list[list[int]] = [[], [], [], []]
    target = WORDS_PER_BODY + rng.randint(-20, 20)
    words = sum(len(item[0].split()) + 1 for item in items)
    links = _link_sentences(entry, planned, by_city, rng)
    words += sum(len(pair[0].split()) + 2 for pair, _target in links)
    position = 0
    while words < target and position < len(order):
        template = SENTENCES[order[position]]
        paragraphs[0 if position == 0 else position % 4].append(order[position])
        words += len(template[0].format(**{**slots, "C": entry.city.de, "T": entry.titles["de"]}).split())
        position += 1
    blocks = [" ".join(sentence(SENTENCES[i]) for i in paragraphs[0])]
    blocks.append(f"## {headings[0][column]}")
    blocks.append(" ".join(sentence(SENTENCES[i]) for i in paragraphs[1]))
    blocks.append(f"## {headings[1][column]}")
    blocks.append("\n".join(f"- {_capitalised(sentence(item))}" for item in items))
    link_texts = [sentence(pair, {"L": _link(entry, target, lang), "C2": target.city.name(lang)})
                  for pair, target in links]
    blocks.append(" ".join([*(sentence(SENTENCES[i]) for i in paragraphs[2]), *link_texts]))
    blocks.append(f"## {headings[2][column]}")
    blocks.append(" ".join(sentence(SENTENCES[i]) for i in paragraphs[3]))
    return "\n\n".join(block for block in blocks if block) + "\n"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _link_sentences(entry: Entry, planned: list[Entry], by_city: dict[str, list[Entry]], rng: random.Random):
    """One to three (sentence pair, target entry): mostly in the same city, sometimes in another.
    Targets are redrawn while unfit, rather than picked from a list made per entry: the generator
    stays linear in N."""
    same_city = by_city[entry.city.folder]
    has_same, has_elsewhere = len(same_city) > 1, len(same_city) < len(planned)
    chosen = []
    for _ in range(rng.randint(1, 3)):
        if has_elsewhere and (not has_same or rng.random() < 0.25):
            target = _draw(planned, rng, lambda other: other.city.folder != entry.city.folder)
            chosen.append((rng.choice(CROSS_LINK_SENTENCES), target))
        elif has_same:
            target = _draw(same_city, rng, lambda other: other.index != entry.index)
            chosen.append((rng.choice(LINK_SENTENCES), target))
    return chosen


def _draw(candidates: list[Entry], rng: random.Random, fits: Callable[[Entry], bool]) -> Entry:
    while True:
        candidate = rng.choice(candidates)
        if fits(candidate):
            return candidate


def _link(entry: Entry, target: Entry, lang: str) -> str:
    """A Markdown link to the target's source file, relative to the entry's file (README: links)."""
    same_city = target.city.folder == entry.city.folder
    path = f"{target.name}.md" if same_city else f"../{target.city.folder}/{target.name}.md"
    return f"[{target.titles[lang]}]({path})"


def city_file(city: City, lang: str, entries: list[Entry], neighbours: list[City], updated: dt.date) -> str:
    name = city.name(lang)
    if lang == "de":
        summary = f"{name}: Altstadt, Museen und Gasthäuser – {len(entries)} Adressen in diesem Führer."
        intro = (f"{name} lohnt einen Besuch zu jeder Jahreszeit. Die Altstadt ist klein genug, um sie zu Fuß "
                 f"zu erkunden, und groß genug für mehrere Tage. Dieser Führer stellt {len(entries)} Orte vor, "
                 "von Kirchen und Museen bis zu Weinstuben und kleinen Läden.")
        headings, more = ("Eine Auswahl", "Weiter in der Region"), "Weiter nach"
    else:
        summary = f"{name} : vieille ville, musées et bonnes tables – {len(entries)} adresses dans ce guide."
        intro = (f"{name} mérite une visite en toute saison. La vieille ville est assez petite pour se parcourir "
                 f"à pied, et assez riche pour y passer plusieurs jours. Ce guide présente {len(entries)} lieux, "
                 "des églises et musées aux bars à vin et petites boutiques.")
        headings, more = ("Une sélection", "Plus loin dans la région"), "Continuer vers"
    front = [f"title: {yaml_text(name)}"]
    slug = slugify(city.fr) if lang == "fr" else None
    if slug and slug != city.folder:
        front.append(f"slug: {slug}")
    front += [f"summary: {yaml_text(TYPOGRAPHY[lang](summary))}", f"lat: {city.lat}", f"lon: {city.lon}",
              f"updated: {updated.isoformat()}"]
    selection = "\n".join(f"- [{entry.titles[lang]}]({entry.name}.md)" for entry in entries[:10])
    onward = "\n".join(f"- {more} [{other.name(lang)}](../{other.folder}/_index.md)" for other in neighbours)
    blocks = [TYPOGRAPHY[lang](intro), f"## {headings[0]}", selection]
    if onward:
        blocks += [f"## {headings[1]}", onward]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(b for b in blocks if b) + "\n"


def home_file(lang: str, cities: list[City], entries: int, updated: dt.date) -> str:
    if lang == "de":
        title, summary = "Großregion", f"{len(cities)} Städte, {entries} Adressen: ein Reiseführer zum Testen."
        intro = "Dieser Führer wurde für Messungen erzeugt. Er führt durch diese Städte:"
    else:
        title, summary = "Grande Région", f"{len(cities)} villes, {entries} adresses : un guide pour les essais."
        intro = "Ce guide a été produit pour des mesures. Il mène dans ces villes :"
    listing = "\n".join(f"- [{city.name(lang)}]({city.folder}/_index.md)" for city in cities)
    return (f"---\ntitle: {yaml_text(title)}\nsummary: {yaml_text(TYPOGRAPHY[lang](summary))}\n"
            f"updated: {updated.isoformat()}\n---\n\n{TYPOGRAPHY[lang](intro)}\n\n{listing}\n")


def guide_yaml(cities: list[City], entries: int, seed: int) -> str:
    folders = ", ".join(city.folder for city in cities)
    return (f"# A synthetic guide for the benchmarks: benchmarks/generate.py --entries {entries} "
            f"--cities {len(cities)} --seed {seed}\n"
            "name: synthetic\n"
            "title:\n  de: Großregion\n  fr: Grande Région\n"
            f"subtitle:\n  de: {yaml_text(f'{entries} Adressen in {len(cities)} Städten')}\n"
            f"  fr: {yaml_text(f'{entries} adresses dans {len(cities)} villes')}\n"
            "languages: [de, fr]\n"
            "base_url: https://guide.example.org/\n"
            f"cities: [{folders}]\n"
            "author: Benchmark\n"
            "pdf:\n  page_size: A5\n")


def glossary_yaml(cities: list[City]) -> str | None:
    """The city names that differ between German and French, so that the glossary check has work."""
    items = [city for city in cities if city.de != city.fr]
    if not items:
        return None
    lines = ["# Place names that differ between German and French (generated)."]
    for city in items:
        lines += [f"- de: {yaml_text(city.de)}", f"  fr: {yaml_text(city.fr)}"]
    return "\n".join(lines) + "\n"


def generate(out_dir: Path | str, entries: int, cities: int | None = None, seed: int = 0) -> Path:
    """Write a synthetic guide with ``entries`` entries per language into ``out_dir``; return it.

    ``cities`` defaults to ``max(4, entries // 200)`` (never more than there are entries)."""
    if entries < 1:
        raise ValueError("entries must be at least 1")
    count = cities if cities is not None else max(4, entries // 200)
    count = max(1, min(count, entries))
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    chosen = cities_for(count)
    planned = plan_entries(entries, chosen, seed)
    updated = max(entry.updated for entry in planned)
    files: dict[str, str] = {"guide.yaml": guide_yaml(chosen, entries, seed)}
    glossary = glossary_yaml(chosen)
    if glossary:
        files["glossary.yaml"] = glossary
    by_city: dict[str, list[Entry]] = {city.folder: [] for city in chosen}
    for entry in planned:
        by_city[entry.city.folder].append(entry)
    for lang in LANGUAGES:
        files[f"{lang}/_index.md"] = home_file(lang, chosen, entries, updated)
        for number, city in enumerate(chosen):
            neighbours = [chosen[(number + step) % count] for step in (1, 2) if step < count]
            neighbours = list(dict.fromkeys(neighbours))
            files[f"{lang}/{city.folder}/_index.md"] = city_file(city, lang, by_city[city.folder], neighbours, updated)
        for entry in planned:
            files[f"{lang}/{entry.city.folder}/{entry.name}.md"] = entry_file(entry, lang, planned, by_city, seed)
    for relpath, text in files.items():
        path = out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    logger.info("wrote %d files into %s", len(files), out)
    return out


def entry_paths(content_dir: Path | str, lang: str = EDITED_LANG) -> list[Path]:
    """The entry files of one language, sorted."""
    return sorted(p for p in Path(content_dir, lang).glob("*/*.md") if p.name != "_index.md")


def edit_entry(content_dir: Path | str, version: int, path: Path | str | None = None) -> Path:
    """Change one sentence in one entry's body (the first sentence of its first paragraph) to a
    sentence naming ``version``: each new version is a real change, the same version again none.
    Without ``path``, the first German entry is edited. Returns the file changed."""
    content = Path(content_dir).resolve()
    target = Path(path).resolve() if path is not None else entry_paths(content)[0]
    lang = target.relative_to(content).parts[0]
    new = (f"Überarbeitet (Fassung {version}): dieser Absatz wurde für die Messung geändert. " if lang == "de" else
           f"Révisé (version {version}){NBSP}: ce paragraphe a été modifié pour la mesure. ")
    _, front, body = target.read_text(encoding="utf-8").split("---\n", 2)
    lines = body.split("\n")
    for number, line in enumerate(lines):
        if line and not line.startswith(("#", "-")):
            if EDIT_MARK.match(line):
                lines[number] = EDIT_MARK.sub(lambda _match: new, line, count=1)
            else:
                first_end = line.find(". ")
                lines[number] = new + (line[first_end + 2:] if first_end >= 0 else "")
            break
    target.write_text(f"---\n{front}---\n" + "\n".join(lines), encoding="utf-8", newline="\n")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the guide into (new or empty)")
    parser.add_argument("--entries", type=int, required=True, help="entries per language")
    parser.add_argument("--cities", type=int, help="number of cities (default: max(4, entries // 200))")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same files (default 0)")
    args = parser.parse_args(argv)
    if args.entries < 1 or (args.cities is not None and args.cities < 1):
        parser.error("--entries and --cities must be at least 1")
    try:
        out = generate(args.out_dir, args.entries, args.cities, args.seed)
    except FileExistsError as exc:
        parser.error(str(exc))
    print(f"wrote a guide of {args.entries} entries per language into {out}")


if __name__ == "__main__":
    main()
