#!/usr/bin/env python3
"""Writes data/roadmap.json from ../shared/data/missions.csv and the facts transcribed below.

Not part of the build: the committed artefact is data/roadmap.json, which the library embeds. This script
records how the JSON was made (the derivation rules of data/SOURCES.md, in code) so a later edit can be
reproduced. Run from the repository root:  python3 data/make_roadmap.py [path/to/missions.csv]
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "missions.csv"
OUT = ROOT / "data" / "roadmap.json"

STAMP = "2026-11-26T09:55:00Z"  # when this bundle was compiled; every record carries it
AUTHOR = "ger-bundled-data"
PUBLIC = {"scope": "public", "agencies": []}

FACTS = "../shared/data/ger-facts.md"
SRC_GES = ("GES framework document (copy) https://ru.scribd.com/document/169103372/Global-Exploration-Strategy ; "
           "IAC-15 A5.1.1 Hufenbach et al., footnote 1 https://docslib.org/doc/871724/ta-7-human-exploration-destination-systems ; "
           "ISECG FAQ http://www.globalspaceexploration.org/faq")
SRC_GOALS = ("K. Laurini, 'The ISECG Global Exploration Roadmap - Status update at Target NEO2 Workshop, July 9, 2013', "
             "slide 4 https://slideplayer.com/slide/7857289 ; IAC-11-A5.4.2 Suzuki et al. "
             "https://docslib.org/download/2391006/iac-11-a5-4-2-page-1-of-8-iac-11-a5-4-2-isecg-space-exploration-goals-objectives-and-benefits-nantel-suzuki-nasa-headquarters")
SRC_OBJ = ("paraphrased objective theme, not GER text (" + FACTS + " section 6, marked unverified); "
           "IAC-11-A5.4.2 Suzuki et al. https://docslib.org/download/2391006/iac-11-a5-4-2-page-1-of-8-iac-11-a5-4-2-isecg-space-exploration-goals-objectives-and-benefits-nantel-suzuki-nasa-headquarters")

# ---- agencies: the 14 GES agencies, all founding members of ISECG (2007) ----------------------------------
AGENCIES = [
    ("ASI", "Italian Space Agency (Agenzia Spaziale Italiana)", "Italy"),
    ("CNES", "French space agency (Centre national d'etudes spatiales)", "France"),
    ("CNSA", "China National Space Administration", "China"),
    ("CSA", "Canadian Space Agency", "Canada"),
    ("CSIRO", "Commonwealth Scientific and Industrial Research Organisation", "Australia"),
    ("DLR", "German Aerospace Center (Deutsches Zentrum fuer Luft- und Raumfahrt)", "Germany"),
    ("ESA", "European Space Agency", "Europe"),
    ("ISRO", "Indian Space Research Organisation", "India"),
    ("JAXA", "Japan Aerospace Exploration Agency", "Japan"),
    ("KARI", "Korea Aerospace Research Institute", "Republic of Korea"),
    ("NASA", "National Aeronautics and Space Administration", "USA"),
    ("NSAU", "National Space Agency of Ukraine", "Ukraine"),
    ("Roscosmos", "Roscosmos", "Russia"),
    ("UKSA", "UK Space Agency", "UK"),
]


def agencies():
    out = []
    for code, name, country in AGENCIES:
        source = "one of the 14 GES agencies that formed ISECG in 2007: " + SRC_GES
        if code == "UKSA":
            source = ("signed the GES in 2007 as BNSC (British National Space Centre), later UKSA; "
                      "ISECG membership carried over: " + SRC_GES)
        out.append({"code": code, "name": name, "country": country, "member_since": 2007, "source": source})
    return out


# ---- goals and objectives ----------------------------------------------------------------------------------
GOALS = [
    ("search-for-life", "Search for Life"),
    ("extend-human-presence", "Extend Human Presence"),
    ("space-earth-applied-science", "Perform Space, Earth, and Applied Science"),
    ("science-for-human-exploration", "Perform Science to Support Human Exploration"),
    ("exploration-technologies", "Develop Exploration Technologies and Capabilities"),
    ("economic-expansion", "Stimulate Economic Expansion"),
    ("earth-safety", "Enhance Earth Safety"),
    ("public-engagement", "Engage the Public in Exploration"),
]

# One objective per paraphrased theme of ger-facts.md section 6 (unverified paraphrases, not GER wording).
OBJECTIVES = [
    ("sfl-life-beyond-earth", "search-for-life", "Find out whether life exists or existed beyond Earth",
     "Determine whether life exists or once existed beyond Earth, Mars first."),
    ("sfl-habitable-environments", "search-for-life", "Understand environments that could support life",
     "Understand the environments that could support, or could have supported, life."),
    ("ehp-more-destinations", "extend-human-presence", "Explore more destinations beyond LEO",
     "Take human exploration to more destinations beyond low Earth orbit."),
    ("ehp-crew-size-and-stay", "extend-human-presence", "Support larger crews for longer stays",
     "Raise the number of crew the destinations can support and how long they stay."),
    ("ehp-crew-self-sufficiency", "extend-human-presence", "Make crews more self-sufficient",
     "Make crews less dependent on Earth."),
    ("pses-solar-system-origin", "space-earth-applied-science", "Study the origin and evolution of the Solar System",
     "Study how the Solar System formed and evolved, at the Moon, asteroids and Mars."),
    ("pses-observe-from-destinations", "space-earth-applied-science", "Observe the Sun, Earth and universe",
     "Use the destinations as vantage points to observe the Sun, the Earth and the universe."),
    ("pses-applied-research", "space-earth-applied-science", "Use the space environment for applied research",
     "Carry out applied research that needs the space environment."),
    ("pshe-destination-environments", "science-for-human-exploration",
     "Characterise destination environments and their effects",
     "Characterise radiation, dust and resources at the destinations and their effects on crew health and on "
     "systems, to reduce risk and make crewed missions more productive."),
    ("det-systems-beyond-leo", "exploration-technologies", "Develop and test the systems to live and work beyond LEO",
     "Develop and test beyond LEO the systems crews need there: propulsion, power, life support, radiation "
     "protection, EVA, robotics and autonomy, ISRU, entry/descent/landing, surface mobility and habitation."),
    ("see-commercial-provision", "economic-expansion", "Encourage commercial provision",
     "Encourage companies to provide technology, systems, hardware and services."),
    ("see-new-markets", "economic-expansion", "Create new markets from space activities",
     "Create new markets that grow out of space activities."),
    ("ees-planetary-defence", "earth-safety", "Cooperate on planetary defence",
     "Work together to find, characterise and deflect near-Earth objects."),
    ("ees-space-weather", "earth-safety", "Monitor space weather", "Work together on monitoring space weather."),
    ("epe-public-participation", "public-engagement", "Let the public take part",
     "Let the public take part in exploration interactively."),
    ("epe-inspire-workforce", "public-engagement", "Inspire students and build the workforce",
     "Inspire students and build the technical workforce."),
]


def goals():
    return [{"id": gid, "number": i + 1, "title": title,
             "description": "Common goal " + str(i + 1) + " of the Global Exploration Roadmap (2011 and 2013 "
                            "editions, unchanged between them), set by ISECG's International Objectives Working "
                            "Group from agency inputs.",
             "source": SRC_GOALS} for i, (gid, title) in enumerate(GOALS)]


def objectives():
    return [{"id": oid, "goal_id": gid, "title": title, "description": text, "verified": False, "source": SRC_OBJ}
            for oid, gid, title, text in OBJECTIVES]


# ---- destinations ------------------------------------------------------------------------------------------
SRC_SCENARIO = ("LPI 'New Space Roadmap Released' https://www.lpi.usra.edu/features/global_exploration_roadmap/ ; "
                "IAC-15 A5.1.1 Hufenbach et al. https://docslib.org/doc/871724/ta-7-human-exploration-destination-systems")
DESTINATIONS = [
    ("LEO", "Low Earth orbit and the ISS", "The ISS is the first step of the GER 2013 scenario and the bridge to "
     "exploration beyond LEO."),
    ("cislunar", "Cislunar space (lunar vicinity)", "Crewed missions of extended duration in the lunar vicinity "
     "are the near-term step of the GER 2013 scenario."),
    ("Moon", "The Moon", "Human missions to the lunar surface demonstrate planetary exploration capabilities and "
     "pursue lunar science."),
    ("NEA", "Near-Earth asteroids", "A mission to an easily accessible asteroid was part of the GER 2013 "
     "near-term scenario; robotic missions visit asteroids in their own orbits."),
    ("Mars", "Mars and its moons", "Human missions to the surface of Mars are the common driving goal. Missions "
     "to Phobos and Deimos are listed here."),
]


def destinations():
    return [{"code": code, "name": name, "order": i + 1,
             "description": text + " Order: the stepwise path outward from the ISS (see data/SOURCES.md). "
                            "Source: " + SRC_SCENARIO}
            for i, (code, name, text) in enumerate(DESTINATIONS)]


# ---- editions ----------------------------------------------------------------------------------------------
GER_SIGNATORIES = ["ASI", "CNES", "CSA", "DLR", "ESA", "ISRO", "JAXA", "KARI", "NASA", "NSAU", "Roscosmos", "UKSA"]


def editions():
    return [
        {"name": "2011", "title": "The Global Exploration Roadmap (first edition)", "published": "2011-09-22",
         "signatories": GER_SIGNATORIES,
         "scenario": "Two pathways, 'Asteroid Next' and 'Moon Next', each a 25-year sequence of robotic and human "
                     "missions. Both were judged practical. The driving goal is human exploration of the surface "
                     "of Mars.",
         "frozen": True,
         "source": "NASA media advisory M11-202 'NASA posts Global Exploration Roadmap' (dated 2011-09-22; the "
                   "publication day is taken from it) "
                   "https://aus-city.com/cgi-bin/dada/mail.cgi?flavor=archive&id=20110923023006&list=NASA_REPORTS ; "
                   "participant list: https://plus.google.com/110680422333214982933/posts/YgRUbLVWgp1"},
        {"name": "2013", "title": "The Global Exploration Roadmap (second edition)", "published": "2013-08-20",
         "signatories": GER_SIGNATORIES,
         "scenario": "A single reference mission scenario with a stepwise evolution of capabilities across several "
                     "destinations, leading to humans on Mars. The ISS is the first step. Next come crewed "
                     "missions of extended duration in the lunar vicinity and a mission to an easily accessible "
                     "asteroid. These demonstrate transportation, habitation, robotic servicing and other systems "
                     "that long deep-space missions need. Human missions to the lunar surface then demonstrate "
                     "planetary exploration capabilities and pursue lunar science. Together they prepare human "
                     "Mars missions after 2030. Human missions to the surface of Mars are the common driving goal.",
         "frozen": True,
         "source": "LPI 'ISECG Posts Update to the Global Exploration Roadmap - August 20, 2013' "
                   "https://www.lpi.usra.edu/planetary_news/2013/08/20/isecg-posts-update-to-the-global-exploration-roadmap-august-20-2013/ ; "
                   "LPI 'New Space Roadmap Released' https://www.lpi.usra.edu/features/global_exploration_roadmap/"},
    ]


# ---- capabilities (ger-facts.md sections 5 and 8) -----------------------------------------------------------
OLSON = "https://www.yumpu.com/en/document/view/5914345/dr-john-olson-nasa/11"
GATEWAY_PARTNERS = "https://www.nasa.gov/general/gateway-international-partners"
CMSA = "https://sputnikglobe.com/20250423/china-advances-crewed-moon-landing-mission-1121916498.html"
# id, name, provider, kind, readiness, status, description, source
CAPABILITIES = [
    ("sls", "Space Launch System (SLS)", "NASA", "launcher", "2022-11-16", "operational",
     "Heavy-lift launcher, first configuration 70 t. First flight: Artemis I.",
     "https://www.dewiki.de/Lexikon/Artemis_1 ; https://ideepspace.blogspot.com/2014/08/artist-concept-space-launch-system.html"),
    ("orion", "Orion crew vehicle (MPCV)", "NASA", "crew-vehicle", "2014-12-05", "operational",
     "Crew capsule for flights beyond LEO, designed for a crew of 4. First flight: EFT-1 on a Delta IV Heavy.",
     "https://www.n2yo.com/satellite/?s=40329 ; https://infogalactic.com/info/Orion_(Constellation_program)"),
    ("european-service-module", "European Service Module (Orion)", "ESA", "service-module", "2022-11-16",
     "operational", "Orion's service module, built by Airbus. First flight: Artemis I.",
     "https://www.dewiki.de/Lexikon/Artemis_1"),
    ("gateway-ppe", "Gateway Power and Propulsion Element", "NASA", "propulsion", None, "development",
     "60-kW-class solar electric propulsion module (Maxar): power, communications, attitude control and orbit "
     "transfer. To launch together with HALO on a Falcon Heavy.",
     "https://www.republicworld.com/science/space/nasa-explains-lunar-gateway-concept-for-advance-deepspace-exploration-know-all-about-it-articleshow.html"),
    ("gateway-halo", "Gateway HALO habitat", "NASA", "habitat", None, "development",
     "First crew module of the Gateway, with docking ports (Northrop Grumman; structure by Thales Alenia Space "
     "Italy).", "https://weheadedtomars.com/gateway-elements-start-systems-integration-as-nasa-plans-launch-date"),
    ("esa-i-hab", "I-HAB international habitat", "ESA", "habitat", None, "development",
     "Gateway habitat, agreed with NASA in October 2020.", GATEWAY_PARTNERS),
    ("esa-refuelling-module", "Gateway refuelling module", "ESA", "propulsion", None, "development",
     "Gateway refuelling module, agreed with NASA in October 2020.", GATEWAY_PARTNERS),
    ("esa-lunar-link", "Lunar Link communications", "ESA", "relay", None, "development",
     "Gateway communications, agreed with NASA in October 2020.", GATEWAY_PARTNERS),
    ("canadarm3", "Canadarm3 external robotics", "CSA", "robotics", None, "development",
     "Gateway external robotic system, agreed with NASA in December 2020.", GATEWAY_PARTNERS),
    ("jaxa-gateway-habitation-logistics", "Gateway habitation and logistics contributions", "JAXA", "other", None,
     "development", "Japanese habitation and resupply contributions to the Gateway; agreement finalised December "
     "2020.", GATEWAY_PARTNERS + " ; http://spacenewsarchives.hatenablog.jp/entry/2019/08/31/154547"),
    ("roscosmos-gateway-airlock", "Gateway airlock module (2019 plan)", "Roscosmos", "other", None, "concept",
     "Russia was planning an airlock module for the Gateway in 2019. The outcome is unverified.",
     "http://spacenewsarchives.hatenablog.jp/entry/2019/08/31/154547"),
    ("htv-x", "HTV-X cargo vehicle", "JAXA", "cargo-vehicle", "2025-10-26", "operational",
     "Successor to HTV (9 ISS flights 2009-2020). HTV-X1 launched on H3. JAXA sees possible Gateway cargo use.",
     "https://www.newsbeep.com/208961 ; https://keneci.locals.com/post/7406028/htv-x1-cargo-spacecraft-arrives-at-the-iss"),
    ("cryogenic-propulsion-stage", "Cryogenic Propulsion Stage (CPS)", "NASA", "propulsion", None, "concept",
     "In-space stage of NASA's 2012 Flexible Path transportation architecture.", OLSON),
    ("solar-electric-propulsion-stage", "Solar Electric Propulsion (SEP) stage", "NASA", "propulsion", None,
     "concept", "Stage of the same 2012 architecture. The technology was kept after the Asteroid Redirect Mission "
     "closed and now flies in the Gateway PPE.",
     OLSON + " ; https://www.jpl.nasa.gov/missions/asteroid-redirect-robotic-mission-arrm/"),
    ("deep-space-habitat", "Deep Space Habitat (DSH)", "NASA", "habitat", None, "concept",
     "Destination element of the 2012 architecture.", OLSON),
    ("space-exploration-vehicle", "Space Exploration Vehicle (SEV) / Robotics & EVA Module", "NASA", "rover", None,
     "concept", "Destination element of the 2012 architecture.", OLSON),
    ("nasa-lunar-lander-concept", "Lunar lander (2012 architecture)", "NASA", "lander", None, "concept",
     "Destination element of the 2012 architecture.", OLSON),
    ("nasa-mars-lander-concept", "Mars lander (2012 architecture)", "NASA", "lander", None, "concept",
     "Destination element of the 2012 architecture.", OLSON),
    ("starship-hls", "Starship Human Landing System", "NASA", "lander", None, "development",
     "Built by SpaceX for NASA; selected on 2021-04-16 for Artemis III. In 2025 a safety panel called its "
     "schedule significantly challenged.",
     "https://wikisum.wiki/wiki/Artemis_III ; https://particle.news/story/nasa-safety-panel-says-starship-lander-may-be-years-late-for-artemis-iii"),
    ("blue-moon-mk1", "Blue Moon MK1 lander", "NASA", "lander", None, "development",
     "Built by Blue Origin under NASA's CLPS. The second MK1 lander is to carry VIPER in late 2027.",
     "https://particle.news/story/nasa-picks-blue-origin-for-conditional-viper-moon-delivery-in-2027"),
    ("argonaut", "Argonaut lunar descent element", "ESA", "lander", "2031", "development",
     "European cargo lander for 5-year surface missions (Thales Alenia Space Italy lead). First mission 2031.",
     "https://www.esa.int/Science_Exploration/Human_and_Robotic_Exploration/Argonaut_a_first_European_lunar_lander"),
    ("long-march-10", "Long March 10", "CNSA", "launcher", None, "development",
     "Launcher of China's planned crewed lunar landing by 2030 (CMSA). Prototypes were in testing in 2025.", CMSA),
    ("mengzhou", "Mengzhou crew spacecraft", "CNSA", "crew-vehicle", None, "development",
     "Crew vehicle of China's planned crewed lunar landing by 2030 (CMSA). Prototypes were in testing in 2025.",
     CMSA),
    ("lanyue", "Lanyue lunar lander", "CNSA", "lander", None, "development",
     "Lander of China's planned crewed lunar landing by 2030 (CMSA). Prototypes were in testing in 2025.", CMSA),
    ("tansuo-rover", "Tansuo crewed lunar rover", "CNSA", "rover", None, "development",
     "Rover of China's planned crewed lunar landing by 2030 (CMSA). Prototypes were in testing in 2025.", CMSA),
    ("wangyu-suit", "Wangyu lunar surface suit", "CNSA", "other", None, "development",
     "Spacesuit of China's planned crewed lunar landing by 2030 (CMSA). Prototypes were in testing in 2025.", CMSA),
    ("mars-earth-return-orbiter", "Earth Return Orbiter (Mars Sample Return)", "ESA", "other", None, "development",
     "ESA's orbiter for NASA-ESA Mars Sample Return. It passed its design review in July 2024; the campaign "
     "itself is listed as cancelled (see the mission record).",
     "https://satelit.web.id/2024/07/10/europes-mars-sample-return-orbiter-moving-ahead-despite-nasa-budget-uncertainty.html"),
    ("h3", "H3 launcher", "JAXA", "launcher", None, "operational",
     "Launched HTV-X1 in 2025. Planned launcher for MMX, LUPEX and Ramses.",
     "https://wiki.av1.space/content/wikipedia_en_all_mini_2025-06/Martian_Moons_eXploration ; "
     "https://www.copernical.com/news-public/item/53439-2025-09-01-11-55-18?print=1&tmpl=component ; "
     "https://www.newsbeep.com/208961"),
    ("lvm3", "LVM3 / human-rated LVM3", "ISRO", "launcher", None, "development",
     "A human-rated LVM3 is to launch Gaganyaan; Chandrayaan-4 uses two LVM3 launches. Status is development "
     "because the cited pages describe these uses, not a flight.",
     "https://business-standard.com/opinion/editorial/moon-rock-chandrayaan-4-a-test-for-isro-s-ambitious-manned-moon-mission-124100600578_1.html"),
]


def meta():
    return {"version": 1, "created_at": STAMP, "updated_at": STAMP, "author": AUTHOR}


def capabilities():
    out = []
    for cid, name, provider, kind, ready, status, text, source in CAPABILITIES:
        record = {"id": cid, "name": name, "provider": provider, "kind": kind, "readiness": ready,
                  "status": status, "visibility": PUBLIC, "description": text, "source": source}
        record.update(meta())
        out.append(record)
    return out


# ---- missions ------------------------------------------------------------------------------------------------
# Stable ids, one per row of missions.csv, in its order. Never change an id: stores and links refer to it.
MISSION_IDS = [
    "iss", "tiangong-1", "tiangong-2", "tiangong-station", "orion-eft-1", "starliner-cft", "gaganyaan-h1",
    "artemis-1", "artemis-2", "gateway", "capstone", "queqiao", "queqiao-2", "lro", "lcross", "change-2", "grail",
    "ladee", "change-3", "change-5-t1", "change-4", "chandrayaan-2", "change-5", "danuri", "chandrayaan-3",
    "luna-25", "slim", "peregrine-1", "im-1", "change-6", "blue-ghost-1", "lunar-trailblazer", "im-2", "change-7",
    "viper", "artemis-3", "chandrayaan-4", "change-8", "lupex", "luna-26", "luna-27", "china-crewed-lunar-landing",
    "argonaut-1", "ilrs-basic", "selene-2", "hayabusa2", "osiris-rex", "dart", "hera", "tianwen-2", "destiny-plus",
    "ramses", "arm-robotic", "phobos-grunt", "yinghuo-1", "msl-curiosity", "mars-orbiter-mission", "maven",
    "exomars-tgo", "schiaparelli", "insight", "tianwen-1", "mars-2020", "escapade", "mmx", "rosalind-franklin",
    "tianwen-3", "mars-sample-return",
]

# Target bodies named by the mission name, or the asteroid the cited mission page is about.
TARGET_BODIES = {
    "hayabusa2": "Ryugu", "osiris-rex": "Bennu", "dart": "Didymos", "hera": "Didymos",
    "tianwen-2": "Kamo'oalewa", "destiny-plus": "3200 Phaethon", "ramses": "Apophis",
    "phobos-grunt": "Phobos", "mmx": "Phobos",
}

# Rule C (SOURCES.md): capability elements a mission needs, each backed by a fact of ger-facts.md section 5/8.
REQUIRED = {
    "orion-eft-1": ["orion"],
    "artemis-1": ["sls", "orion", "european-service-module"],
    "artemis-2": ["sls", "orion", "european-service-module"],
    "artemis-3": ["sls", "orion", "european-service-module", "starship-hls"],
    "viper": ["blue-moon-mk1"],
    "argonaut-1": ["argonaut"],
    "china-crewed-lunar-landing": ["long-march-10", "mengzhou", "lanyue", "tansuo-rover", "wangyu-suit"],
    "gaganyaan-h1": ["lvm3"],
    "chandrayaan-4": ["lvm3"],
    "lupex": ["h3"],
    "mmx": ["h3"],
    "ramses": ["h3"],
    "mars-sample-return": ["mars-earth-return-orbiter"],
}
PROVIDED = {"gateway": ["gateway-ppe", "gateway-halo"]}

# Rule P (SOURCES.md): precursor links with the fact behind each.
PRECURSORS = {
    "artemis-1": ["orion-eft-1"],   # EFT-1 was Orion's first (uncrewed) test flight
    "artemis-2": ["artemis-1"],     # Artemis sequence: each flight builds on the one before
    "artemis-3": ["artemis-2"],
    "change-5": ["change-5-t1"],    # Chang'e 5-T1 was the return test for Chang'e 5
    "change-4": ["queqiao"],        # Queqiao relays the far-side Chang'e 4 lander
    "change-6": ["queqiao-2"],      # Queqiao-2 relays the far side, where Chang'e 6 landed
    "hera": ["dart"],               # Hera visits the Didymos system after DART's impact
    "gateway": ["capstone"],        # CAPSTONE tested the near-rectilinear halo orbit planned for Gateway
}

COMMITMENT = {"operating": "flying", "completed": "completed", "failed": "completed", "cancelled": "cancelled",
              "planned": "planned", "proposed": "interest"}
DEST_NAMES = {"LEO": "low Earth orbit", "cislunar": "cislunar space", "Moon": "the Moon",
              "NEA": "a near-Earth asteroid", "Mars": "Mars"}
STATUS_WORDS = {"operating": "operating", "completed": "completed", "failed": "failed", "cancelled": "cancelled",
                "planned": "planned"}

# Durations given by a cited fact [days].
DURATIONS = {"orion-eft-1": round((4 * 60 + 24) / (24 * 60), 4)}  # 4 h 24 min flight (ger-facts.md section 5)


def derived_objectives(row, mid):
    """Rule O of data/SOURCES.md: objectives a mission addresses, from its destination, kind and type only."""
    dest, kind, mtype, name = row["destination"], row["kind"], row["type"], row["name"]
    out = []
    relay = "relay" in name.lower()
    if kind == "human" and dest in ("cislunar", "Moon"):
        out += ["ehp-more-destinations", "det-systems-beyond-leo"]
    if kind == "human" and mtype == "station":
        out.append("ehp-crew-size-and-stay")
        if dest == "LEO":
            out.append("pses-applied-research")
    if kind == "robotic" and dest in ("Moon", "NEA", "Mars") and not relay:
        out.append("pses-solar-system-origin")
    if dest == "Mars" and (mtype in ("lander", "rover") or (mtype == "sample-return" and mid not in TARGET_BODIES)):
        out.append("sfl-life-beyond-earth")
    if dest == "NEA":
        out.append("ees-planetary-defence")
    return out


def describe(row):
    kind, mtype = row["kind"], row["type"]
    if mtype == "crewed":
        text = "A crewed mission"
    elif kind == "human" and mtype in ("flyby", "orbiter"):
        text = f"An uncrewed flight test of crew systems ({mtype})"  # missions.csv convention for such tests
    elif kind == "human":
        text = f"A human-spaceflight {mtype}"
    else:
        text = f"A robotic {mtype.replace('-', ' ')} mission"
    text += f" {'in' if row['destination'] == 'LEO' else 'to'} {DEST_NAMES[row['destination']]} led by {row['lead_agency']}"
    if row["partners"]:
        text += " with " + ", ".join(row["partners"].split(";"))
    text += f"; {STATUS_WORDS[row['status']]} as of 2025."
    planned = row["launch_as_planned_2013"]
    if planned:
        text += f" Earlier planned launch: {planned}" + ("." if "(" in planned else " (per 2013 plan).")
    return text


def missions():
    with open(CSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(MISSION_IDS), (len(rows), len(MISSION_IDS))
    out = []
    for row, mid in zip(rows, MISSION_IDS):
        record = {
            "id": mid, "name": row["name"], "lead_agency": row["lead_agency"],
            "partners": [p for p in row["partners"].split(";") if p],
            "destination": row["destination"], "target_body": TARGET_BODIES.get(mid),
            "kind": row["kind"], "type": row["type"], "launch": row["launch"] or None,
            "duration_days": DURATIONS.get(mid), "status": row["status"],
            "commitment": COMMITMENT[row["status"]],
            "objectives": derived_objectives(row, mid),
            "capabilities_required": REQUIRED.get(mid, []), "capabilities_provided": PROVIDED.get(mid, []),
            "precursors": PRECURSORS.get(mid, []), "visibility": PUBLIC,
            "description": describe(row), "source": row["source"],
        }
        record.update(meta())
        out.append(record)
    return out


def main():
    dataset = {"agencies": agencies(), "goals": goals(), "objectives": objectives(),
               "destinations": destinations(), "missions": missions(), "capabilities": capabilities(),
               "editions": editions()}
    OUT.write_text(json.dumps(dataset, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(dataset['missions'])} missions, {len(dataset['capabilities'])} capabilities")


if __name__ == "__main__":
    main()
