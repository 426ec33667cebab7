// Links from the notes column of the 2016 list: "Sequel to Ride Along (2014)",
// "Based on the novel ... by ...", "2 Oscar nominations", "Made for TV", a studio. Pure.

import { cleanName, looksLikeName } from "../../core/text";
import { isCompanyName, parseLead } from "../lead";
import { studioTitle } from "../studios";
import { addLink, type Candidate } from "./candidate";
import type { PersonNames } from "./people";
import { addRelation, type FilmRelations } from "./relations";

const NOTE_SPLIT = /,\s+(?!(?:Inc|Ltd|Jr|Sr|LLC)\.?\b)/;

/** Adds the links of one 2016 note to film `c`; its sequel/remake relations go to `relations`. */
export function addNoteLinks(note: string, c: Candidate, people: PersonNames, relations: FilmRelations): void {
  const text = note.trim();
  if (!text || /^n\/?a$/i.test(text)) return;
  if (/\b(?:sequel|prequel|remake|based|follow-up|spin-off)\b/i.test(text)) {
    // "Sequel to Ride Along (2014)", "Based on the novel 13 Hours by Mitchell Zuckoff"
    const lead = parseLead(`${text.replace(/^(\w)/, (m) => m.toLowerCase()).replace(/^sequel to/i, "a sequel to")}.`, c.displayTitle);
    for (const p of lead.people) addLink(c.links, people.title(cleanName(p.name), p.kind), p.kind);
    for (const work of lead.works) addLink(c.links, work, "based_on");
    for (const r of lead.relations) addRelation(c, r, relations);
    const tv = /based on (?:the )?(?:tv|television) series/i.test(text);
    if (tv) addLink(c.links, "Television series", "based_on");
    return;
  }
  for (const part of text.split(NOTE_SPLIT)) {
    const p = part.trim();
    if (!p) continue;
    if (/oscar|academy award/i.test(p)) addLink(c.links, "Academy Awards", "award");
    else if (/razzie/i.test(p)) addLink(c.links, "Golden Raspberry Awards", "award");
    else if (/golden globe/i.test(p)) addLink(c.links, "Golden Globe Awards", "award");
    else if (/^(?:made[- ]for[- ]tv|tv|tv movie|television film|made for television)$/i.test(p)) addLink(c.links, "Television film", "format");
    else if (/direct[- ]to[- ]video|^dtv$/i.test(p)) addLink(c.links, "Direct-to-video", "format");
    else if (/^mst3k$/i.test(p)) addLink(c.links, "Mystery Science Theater 3000", "mention");
    else if (/^(?:3-?d|imax)$/i.test(p)) addLink(c.links, p.toUpperCase().startsWith("3") ? "3D film" : "IMAX", "format");
    else if (/^\p{Lu}/u.test(p) && p.split(/\s+/).length <= 6 && !/\d{4}/.test(p) && (isCompanyName(p) || looksLikeName(p))) {
      addLink(c.links, studioTitle(p, c.year), "studio");
    }
  }
}
