"""Which country a place name, a demonym or a capital points at (a small world gazetteer).

General world knowledge only: each country with the adjectives and demonyms that name it and its
capital and a few of its largest cities. Used to read a document's country when no extractor
stated one, and to tell whether two stated places can be in the same country.
"""

from __future__ import annotations

import re
from functools import lru_cache

# "Country: alias; alias; ..." (aliases: demonyms / adjectives, capital, largest cities).
_TABLE = """
Afghanistan: Afghan; Afghans; Kabul; Kandahar; Herat; Jalalabad; Mazar-i-Sharif
Albania: Albanian; Albanians; Tirana
Algeria: Algerian; Algerians; Algiers; Oran
Angola: Angolan; Angolans; Luanda
Argentina: Argentine; Argentines; Argentinian; Argentinians; Buenos Aires; Cordoba; Rosario
Armenia: Armenian; Armenians; Yerevan
Australia: Australian; Australians; Canberra; Sydney; Melbourne; Brisbane; Perth
Austria: Austrian; Austrians; Vienna
Azerbaijan: Azerbaijani; Azerbaijanis; Baku
Bahrain: Bahraini; Bahrainis; Manama
Bangladesh: Bangladeshi; Bangladeshis; Dhaka; Chittagong
Belarus: Belarusian; Belarusians; Minsk
Belgium: Belgian; Belgians; Brussels; Antwerp
Belize: Belizean; Belmopan
Benin: Beninese; Porto-Novo; Cotonou
Bolivia: Bolivian; Bolivians; La Paz; Sucre; Cochabamba
Bosnia and Herzegovina: Bosnia; Bosnian; Bosnians; Sarajevo
Brazil: Brazilian; Brazilians; Brasilia; Sao Paulo; Rio de Janeiro
Bulgaria: Bulgarian; Bulgarians; Sofia
Burkina Faso: Burkinabe; Ouagadougou
Burundi: Burundian; Bujumbura; Gitega
Cambodia: Cambodian; Cambodians; Phnom Penh
Cameroon: Cameroonian; Cameroonians; Yaounde; Douala
Canada: Canadian; Canadians; Ottawa; Toronto; Montreal; Vancouver
Central African Republic: Bangui
Chad: Chadian; Chadians; N'Djamena
Chile: Chilean; Chileans; Santiago; Valparaiso; Concepcion
China: Chinese; Beijing; Peking; Shanghai; Guangzhou
Colombia: Colombian; Colombians; Bogota; Medellin; Cali; Barranquilla; Cartagena; Bucaramanga
Costa Rica: Costa Rican; Costa Ricans; San Jose
Croatia: Croatian; Croatians; Croat; Croats; Zagreb
Cuba: Cuban; Cubans; Havana
Cyprus: Cypriot; Cypriots; Nicosia
Czech Republic: Czechia; Czech; Czechs; Prague
Czechoslovakia: Czechoslovak; Czechoslovakian
Democratic Republic of the Congo: DR Congo; Congolese; Kinshasa; Goma
Denmark: Danish; Danes; Copenhagen
Djibouti: Djiboutian
Dominican Republic: Dominican; Dominicans; Santo Domingo
Ecuador: Ecuadorean; Ecuadorian; Ecuadoreans; Ecuadorians; Quito; Guayaquil
Egypt: Egyptian; Egyptians; Cairo; Alexandria
El Salvador: Salvadoran; Salvadorans; Salvadorean; Salvadoreans; San Salvador
Eritrea: Eritrean; Eritreans; Asmara
Estonia: Estonian; Estonians; Tallinn
Ethiopia: Ethiopian; Ethiopians; Addis Ababa
Finland: Finnish; Finns; Helsinki
France: French; Paris; Marseille; Lyon; Toulouse
Georgia: Georgian; Georgians; Tbilisi
Germany: German; Germans; Berlin; Hamburg; Munich; Frankfurt; Cologne; Bonn
Ghana: Ghanaian; Ghanaians; Accra
Greece: Greek; Greeks; Athens; Thessaloniki
Guatemala: Guatemalan; Guatemalans; Guatemala City
Guinea: Guinean; Guineans; Conakry
Haiti: Haitian; Haitians; Port-au-Prince
Honduras: Honduran; Hondurans; Tegucigalpa; San Pedro Sula
Hungary: Hungarian; Hungarians; Budapest
India: Indian; Indians; New Delhi; Delhi; Mumbai; Bombay; Kolkata; Calcutta; Chennai; Bangalore; Hyderabad
Indonesia: Indonesian; Indonesians; Jakarta; Surabaya; Bali
Iran: Iranian; Iranians; Tehran; Mashhad; Isfahan
Iraq: Iraqi; Iraqis; Baghdad; Basra; Mosul; Kirkuk; Fallujah
Ireland: Irish; Dublin
Israel: Israeli; Israelis; Jerusalem; Tel Aviv; Haifa
Italy: Italian; Italians; Rome; Milan; Naples; Turin; Palermo
Ivory Coast: Cote d'Ivoire; Ivorian; Ivorians; Abidjan; Yamoussoukro
Jamaica: Jamaican; Jamaicans; Kingston
Japan: Japanese; Tokyo; Osaka; Kyoto
Jordan: Jordanian; Jordanians; Amman
Kazakhstan: Kazakh; Kazakhs; Astana; Almaty
Kenya: Kenyan; Kenyans; Nairobi; Mombasa
Kosovo: Kosovar; Kosovars; Pristina
Kuwait: Kuwaiti; Kuwaitis; Kuwait City
Kyrgyzstan: Kyrgyz; Bishkek
Laos: Lao; Laotian; Vientiane
Latvia: Latvian; Latvians; Riga
Lebanon: Lebanese; Beirut; Sidon
Liberia: Liberian; Liberians; Monrovia
Libya: Libyan; Libyans; Benghazi
Lithuania: Lithuanian; Lithuanians; Vilnius
Madagascar: Malagasy; Antananarivo
Malawi: Malawian; Lilongwe
Malaysia: Malaysian; Malaysians; Kuala Lumpur
Mali: Malian; Malians; Bamako; Timbuktu
Mauritania: Mauritanian; Nouakchott
Mexico: Mexican; Mexicans; Mexico City; Guadalajara; Monterrey; Tijuana
Moldova: Moldovan; Chisinau
Mongolia: Mongolian; Ulaanbaatar
Montenegro: Montenegrin; Podgorica
Morocco: Moroccan; Moroccans; Rabat; Casablanca; Marrakesh
Mozambique: Mozambican; Mozambicans; Maputo
Myanmar: Burma; Burmese; Yangon; Rangoon; Naypyidaw
Namibia: Namibian; Windhoek
Nepal: Nepali; Nepalese; Kathmandu
Netherlands: Holland; Dutch; Amsterdam; The Hague; Rotterdam
New Zealand: New Zealander; New Zealanders; Wellington; Auckland; Christchurch
Nicaragua: Nicaraguan; Nicaraguans; Managua; Matagalpa
Niger: Nigerien; Niamey
Nigeria: Nigerian; Nigerians; Abuja; Lagos; Kano; Maiduguri
North Korea: North Korean; North Koreans; Pyongyang
North Macedonia: Macedonia; Macedonian; Skopje
Norway: Norwegian; Norwegians; Oslo
Oman: Omani; Muscat
Pakistan: Pakistani; Pakistanis; Islamabad; Karachi; Lahore; Peshawar; Quetta; Rawalpindi
Palestine: Palestinian; Palestinians; Gaza; West Bank; Ramallah
Panama: Panamanian; Panamanians; Panama City
Paraguay: Paraguayan; Paraguayans; Asuncion
Peru: Peruvian; Peruvians; Lima; Arequipa; Cuzco; Ayacucho; Huancayo
Philippines: Philippine; Filipino; Filipinos; Manila; Mindanao; Davao
Poland: Polish; Poles; Warsaw; Krakow
Portugal: Portuguese; Lisbon; Porto
Qatar: Qatari; Qataris; Doha
Romania: Romanian; Romanians; Bucharest
Russia: Russian; Russians; Moscow; Saint Petersburg; St Petersburg; Krasnogorsk; Beslan; Grozny
Rwanda: Rwandan; Rwandans; Kigali
Saudi Arabia: Saudi; Saudis; Riyadh; Jeddah; Mecca; Medina
Senegal: Senegalese; Dakar
Serbia: Serbian; Serbians; Serb; Serbs; Belgrade
Sierra Leone: Sierra Leonean; Freetown
Singapore: Singaporean; Singaporeans
Slovakia: Slovak; Slovaks; Bratislava
Slovenia: Slovenian; Slovene; Ljubljana
Somalia: Somali; Somalis; Mogadishu
South Africa: South African; South Africans; Pretoria; Johannesburg; Cape Town; Durban
South Korea: South Korean; South Koreans; Seoul; Busan
South Sudan: South Sudanese; Juba
Soviet Union: USSR; Soviet; Soviets
Spain: Spanish; Spaniard; Spaniards; Madrid; Barcelona; Bilbao; Seville; Valencia
Sri Lanka: Sri Lankan; Sri Lankans; Colombo; Jaffna
Sudan: Sudanese; Khartoum; Darfur
Sweden: Swedish; Swedes; Stockholm; Gothenburg
Switzerland: Swiss; Bern; Zurich; Geneva
Syria: Syrian; Syrians; Damascus; Aleppo; Homs; Raqqa
Taiwan: Taiwanese; Taipei
Tajikistan: Tajik; Tajiks; Dushanbe
Tanzania: Tanzanian; Tanzanians; Dodoma; Dar es Salaam
Thailand: Thai; Bangkok
Togo: Togolese; Lome
Trinidad and Tobago: Trinidadian; Port of Spain
Tunisia: Tunisian; Tunisians; Tunis; Sousse
Turkey: Turkish; Turks; Ankara; Istanbul; Izmir
Turkmenistan: Turkmen; Ashgabat
Uganda: Ugandan; Ugandans; Kampala
Ukraine: Ukrainian; Ukrainians; Kyiv; Kiev; Kharkiv; Odesa; Odessa
United Arab Emirates: UAE; Emirati; Emiratis; Abu Dhabi; Dubai
United Kingdom: UK; Britain; Great Britain; England; Scotland; Wales; Northern Ireland; British; Britons; English; Scottish; Welsh; London; Manchester; Birmingham; Belfast; Glasgow; Edinburgh
United States: USA; US; U.S.; United States of America; American; Americans; Washington; New York; Los Angeles; Chicago; Miami; San Francisco; Boston
Uruguay: Uruguayan; Uruguayans; Montevideo
Uzbekistan: Uzbek; Uzbeks; Tashkent
Venezuela: Venezuelan; Venezuelans; Caracas; Maracaibo; Valencia
Vietnam: Vietnamese; Hanoi; Ho Chi Minh City; Saigon
Yemen: Yemeni; Yemenis; Sanaa; Aden
Yugoslavia: Yugoslav; Yugoslavian
Zambia: Zambian; Zambians; Lusaka
Zimbabwe: Zimbabwean; Zimbabweans; Harare; Bulawayo
"""


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Normalised alias -> country; an alias two countries share (Valencia) names neither."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for line in _TABLE.strip().splitlines():
        country, _, rest = line.partition(":")
        names = [country, *(a.strip() for a in rest.split(";"))]
        for name in names:
            key = _key(name)
            if not key:
                continue
            if key in index and index[key] != country:
                shared.add(key)
            index[key] = country
    for key in shared:
        del index[key]
    return index


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    aliases = sorted(_index(), key=len, reverse=True)
    words = [r"\s+".join(re.escape(w) for w in a.split()) for a in aliases]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


def country_of(name: str) -> str | None:
    """The country a place, demonym or country name points at, else ``None``.

    >>> country_of("Salvadoran"), country_of("BOGOTA"), country_of("Atlantis")
    ('El Salvador', 'Colombia', None)
    """
    return _index().get(_key(name))


def find_places(text: str) -> list[tuple[str, int, int]]:
    """Every country named (directly, by demonym or by a city) in ``text``: (country, start, end).

    Short all-capital aliases (``US``, ``UK``) count only when written in capitals in mixed-case
    text, so the pronoun "us" is not the United States.
    """
    found: list[tuple[str, int, int]] = []
    shouting = not any(c.islower() for c in text)
    for m in _pattern().finditer(text):
        word = m.group(0)
        if len(word) <= 3 and (shouting or not word.isupper()):
            continue
        country = country_of(word)
        if country is not None:
            found.append((country, m.start(), m.end()))
    return found


def countries_in(text: str) -> list[str]:
    """The countries ``text`` names, in order of mention (repeats kept)."""
    return [country for country, _, _ in find_places(text)]
