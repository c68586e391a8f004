// The interface in English or Dutch. The language comes from ?lang=, then the choice stored by
// the EN/NL button, then the browser's language; English strings are the keys.

export type Lang = "en" | "nl";

function detect(): Lang {
  const q = new URLSearchParams(location.search).get("lang");
  if (q === "nl" || q === "en") return q;
  try {
    const s = localStorage.getItem("beleidsgraaf.lang");
    if (s === "nl" || s === "en") return s;
  } catch {
    /* private mode */
  }
  return (navigator.language || "en").toLowerCase().startsWith("nl") ? "nl" : "en";
}

export const lang: Lang = detect();

const NL: Record<string, string> = {
  // the timeline and status history
  "Timeline: the graph as it stood on a date": "Tijdlijn: de graaf zoals hij er op een datum uitzag",
  "Play the graph through time": "Speel de graaf af door de tijd",
  "all dates": "alle data",
  "{date}: {n} of {total} nodes": "{date}: {n} van {total} knopen",
  "Motions by status": "Moties naar status",
  "Coloured as they stood on the timeline's date.": "Gekleurd naar hoe ze er op de datum van de tijdlijn voor stonden.",
  History: "Verloop",
  "Status on {date}": "Status op {date}",
  "no dated step yet": "nog geen gedateerde stap",
  "after the timeline's date": "na de datum van de tijdlijn",
  "Furthest status": "Verste status",
  Open: "Open",
  "Made by": "Toegezegd door",
  "In the graph since": "In de graaf sinds",
  "yes: not fulfilled": "ja: niet nagekomen",
  "no: fulfilled": "nee: nagekomen",
  // toolbar and page
  "Search organisations, people, motions, documents… (e.g. CKM, comensha)": "Zoek organisaties, personen, moties, documenten… (bijv. CKM, comensha)",
  "Search the graph": "Zoek in de graaf",
  Filters: "Filters",
  "Legend and filters": "Legenda en filters",
  Path: "Pad",
  "Clear path": "Pad wissen",
  "Shortest path between two nodes": "Kortste pad tussen twee knopen",
  Undo: "Ongedaan maken",
  "Nothing to undo": "Niets ongedaan te maken",
  Fit: "Passend",
  "Show the whole graph": "Toon de hele graaf",
  Tidy: "Opruimen",
  "Lay the whole graph out again and separate overlapping nodes": "Leg de hele graaf opnieuw uit en haal overlappende knopen uit elkaar",
  List: "Lijst",
  "List the nodes on screen (L)": "Lijst van de knopen in beeld (L)",
  Reset: "Opnieuw",
  "Back to the action plan": "Terug naar het actieplan",
  "Download the view as a PNG image": "Download de weergave als PNG-afbeelding",
  "Download the visible graph as GEXF (Gephi)": "Download de zichtbare graaf als GEXF (Gephi)",
  "Query the API (offline GraphiQL)": "Bevraag de API (offline GraphiQL)",
  "The GraphQL schema (SDL)": "Het GraphQL-schema (SDL)",
  "Nederlands": "English",
  "Show the interface in Dutch": "Toon de interface in het Engels",
  // filters
  Nodes: "Knopen",
  "(legend; click to hide)": "(legenda; klik om te verbergen)",
  Relations: "Relaties",
  Decisions: "Besluiten",
  For: "Voor",
  Against: "Tegen",
  "Did not take part": "Niet deelgenomen",
  seats: "zetels",
  "Not put to the vote.": "Niet in stemming gebracht.",
  Rejected: "Verworpen",
  Held: "Aangehouden",
  Withdrawn: "Ingetrokken",
  "Other decision": "Ander besluit",
  "(click to hide)": "(klik om te verbergen)",
  "Document dates": "Documentdata",
  from: "van",
  to: "tot",
  "keep undated": "ongedateerde houden",
  "clear dates": "data wissen",
  "Close the filters": "Sluit de filters",
  "Hides documents dated outside the range, and relations whose supporting sentences all come from such documents.":
    "Verbergt documenten met een datum buiten het bereik, en relaties waarvan alle onderbouwende zinnen uit zulke documenten komen.",
  "How to": "Zo werkt het",
  "Documents in view: {from} – {to}. ": "Documenten in beeld: {from} – {to}. ",
  "Only {y}": "Alleen {y}",
  "Showing only {y}; click for all years": "Alleen {y}; klik voor alle jaren",
  "Hide {name} nodes": "Verberg {name}",
  "Show {name} nodes": "Toon {name}",
  "shown / in the graph": "zichtbaar / in de graaf",
  "“{text}” is not a date: type dd-mm-jjjj, e.g. 01-01-2025.": "“{text}” is geen datum: typ dd-mm-jjjj, bijv. 01-01-2025.",
  // status and states
  "{n} nodes · {m} edges": "{n} knopen · {m} verbindingen",
  " · {n} hidden by filters": " · {n} verborgen door filters",
  " · laying out…": " · bezig met opmaak…",
  " · loading…": " · laden…",
  Dismiss: "Sluiten",
  Retry: "Opnieuw proberen",
  "The filters hide all {n} nodes.": "De filters verbergen alle {n} knopen.",
  "Clear filters": "Filters wissen",
  "The server cannot be reached. Check the connection and retry.": "De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.",
  "The graph could not be loaded. {error}": "De graaf kon niet worden geladen. {error}",
  "Loading the action plan “Samen tegen mensenhandel”…": "Het actieplan “Samen tegen mensenhandel” wordt geladen…",
  "Loading…": "Laden…",
  "Could not load the details: {error}": "De details konden niet worden geladen: {error}",
  "There is no node {id}.": "Er is geen knoop {id}.",
  "The link names “{id}”, which is not in the graph (it may be an old link).": "De link noemt “{id}”, dat niet in de graaf staat (misschien een oude link).",
  "Search for “{text}”": "Zoek “{text}”",
  "Nothing found.": "Niets gevonden.",
  "Undone: {what}.": "Ongedaan gemaakt: {what}.",
  "All relations of “{name}” are shown.": "Alle relaties van “{name}” zijn zichtbaar.",
  "Load the rest ({n})": "Laad de rest ({n})",
  // panel
  Close: "Sluiten",
  "Close (Esc)": "Sluiten (Esc)",
  "Also: ": "Ook: ",
  "Neighbours shown": "Buren zichtbaar",
  "Expand neighbours ({n})": "Buren tonen ({n})",
  "Path from here…": "Pad vanaf hier…",
  "Read document": "Document lezen",
  "Showing the first {n} of {total}.": "De eerste {n} van {total}.",
  "No relations.": "Geen relaties.",
  "Where it is mentioned ": "Waar het genoemd wordt ",
  "Why the graph says so ": "Waarom de graaf dit zegt ",
  "No supporting sentence recorded.": "Geen onderbouwende zin vastgelegd.",
  "+ {n} more sentences": "+ {n} zinnen meer",
  "+ 1 more sentence": "+ 1 zin meer",
  "full quote": "hele citaat",
  shorter: "korter",
  "show in document": "toon in document",
  "copy citation": "citaat kopiëren",
  copied: "gekopieerd",
  "copy failed": "kopiëren mislukt",
  "Copy the quote with its citation and link": "Kopieer het citaat met bronvermelding en link",
  "The official publication": "De officiële publicatie",
  "official publication": "officiële publicatie",
  "Show document in graph": "Toon document in de graaf",
  "Go to quote": "Naar het citaat",
  "The quote's offsets do not match this text; it was found by searching instead.": "De posities van het citaat kloppen niet met deze tekst; het is gevonden door te zoeken.",
  "This document is known only by reference; there is no text.": "Dit document is alleen bekend via verwijzingen; er is geen tekst.",
  "Shortest path": "Kortste pad",
  "{n} steps, ignoring edge direction.": "{n} stappen, richting genegeerd.",
  "1 step, ignoring edge direction.": "1 stap, richting genegeerd.",
  undated: "ongedateerd",
  // path mode and menu
  "Shortest path: click the first node, or search for it.": "Kortste pad: klik op de eerste knoop, of zoek hem.",
  "Shortest path from “{name}”: click the other node, or search for it.": "Kortste pad vanaf “{name}”: klik op de andere knoop, of zoek hem.",
  "Cancel (Esc)": "Annuleren (Esc)",
  "Follow all relations": "Volg alle relaties",
  "Follow {n} of {total} relation types": "Volg {n} van {total} relatietypen",
  "Try all relations": "Probeer alle relaties",
  "Expand by relation type: loading…": "Uitbreiden per relatietype: laden…",
  "All relations shown": "Alle relaties zichtbaar",
  "Load the rest ({n} relations in all)": "Laad de rest ({n} relaties in totaal)",
  "Pin in place (Tidy leaves it)": "Vastzetten (Opruimen laat hem staan)",
  "Unpin (Tidy may move it)": "Losmaken (Opruimen mag hem verplaatsen)",
  Hide: "Verbergen",
  "Remove from the graph": "Uit de graaf halen",
  "Show {n} hidden": "Toon {n} verborgen",
  "Nodes on screen ({n})": "Knopen in beeld ({n})",
  "Close the list": "Sluit de lijst",
  // properties
  Kind: "Soort",
  Title: "Titel",
  Date: "Datum",
  Citation: "Vindplaats",
  Number: "Nummer",
  "Source file": "Bronbestand",
  Initials: "Initialen",
  Party: "Fractie",
  Abbreviation: "Afkorting",
  Submitted: "Ingediend",
  Adopted: "Aangenomen",
  Request: "Verzoek",
  Submitters: "Indieners",
  Description: "Omschrijving",
  "Budget (total)": "Budget (totaal)",
  Theme: "Thema",
  Appraisal: "Beoordeling",
  "Estimated cost": "Geschatte kosten",
};

/** The text in the interface's language; {name} placeholders are filled from vars. */
export function t(en: string, vars: Record<string, string | number> = {}): string {
  const s = lang === "nl" ? (NL[en] ?? en) : en;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/**
 * Translates the page's static text: elements with data-t (text), data-t-title,
 * data-t-placeholder, data-t-aria-label (their English text is the key).
 */
export function translatePage() {
  document.documentElement.lang = lang;
  if (lang === "en") return;
  for (const el of document.querySelectorAll<HTMLElement>("[data-t]")) el.textContent = t(el.textContent ?? "");
  for (const attr of ["title", "placeholder", "aria-label"]) {
    for (const el of document.querySelectorAll<HTMLElement>(`[data-t-${attr}]`)) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, t(v));
    }
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-nl]")) el.innerHTML = el.dataset.nl ?? el.innerHTML;
}

export function setLang(l: Lang) {
  try {
    localStorage.setItem("beleidsgraaf.lang", l);
  } catch {
    /* private mode */
  }
  const u = new URL(location.href);
  u.searchParams.delete("lang");
  location.replace(u.toString());
}
