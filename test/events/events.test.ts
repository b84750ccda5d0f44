// Event extraction: sub-event types, actors, modality, attribution, fatalities (table tests).
import assert from "node:assert/strict";
import { test } from "node:test";
import { extract } from "../../src/pipeline.js";
import { article } from "../nlp/helpers.js";

const primary = (text: string) => extract(article(text)).events.find((e) => e.primary);

// [sentence, sub-event type of the primary event, or "none"]
const TYPES: [string, string][] = [
  ["The Syrian Democratic Forces launched an offensive against Isis on Saturday.", "Armed clash"],
  ["Heavy fighting broke out between Taliban fighters and Afghan forces in Kunduz.", "Armed clash"],
  ["Syrian troops recaptured an oilfield southwest of Deir Ezzor.", "Government regains territory"],
  ["Al-Shabaab militants seized the town of Af-Urur after a short battle.", "Non-state actor overtakes territory"],
  ["A US-led coalition airstrike killed five civilians in Raqqa.", "Air/drone strike"],
  ["A suicide bomber blew himself up at a checkpoint in Kabul, killing 12.", "Suicide bomb"],
  ["Rebels shelled government-held districts of Aleppo with mortars.", "Shelling/artillery/missile attack"],
  ["A roadside bomb hit an army patrol in Diyala province.", "Remote explosive/landmine/IED"],
  ["Unknown attackers hurled a grenade at a police station in Srinagar.", "Grenade"],
  ["Gunmen massacred 30 villagers in central Mali.", "Attack"],
  ["Boko Haram abducted 110 schoolgirls from Dapchi.", "Abduction/forced disappearance"],
  ["Thousands of protesters marched peacefully through the capital on Sunday.", "Peaceful protest"],
  ["Police fired tear gas to disperse demonstrators outside parliament.", "Protest with intervention"],
  ["Security forces shot dead 12 protesters during demonstrations in Baghdad.", "Excessive force against protesters"],
  ["Protesters threw stones at police and set fire to cars.", "Violent demonstration"],
  ["An angry mob lynched a man accused of theft.", "Mob violence"],
  ["The two sides signed a ceasefire agreement in Astana.", "Agreement"],
  ["Police arrested 20 opposition activists in Kampala.", "Arrests"],
  ["Government forces seized a weapons cache and defused two bombs.", "Disrupted weapons use"],
  ["Turkish forces set up a new military post in northern Latakia.", "Headquarters or base established"],
  ["Militants looted shops and torched homes in the village.", "Looting/property destruction"],
  ["Government troops handed over the base to the militia without a fight.", "Non-violent transfer of territory"],
  ["A magnitude 6 earthquake struck the region on Monday.", "none"],
  ["Firefighters battled a blaze at a chemical plant.", "none"],
  ["Police seized 2 tonnes of cocaine from drug traffickers.", "none"],
  ["The group claimed responsibility for the attack in a statement.", "none"],
  ["Your support helps us to tell the story.", "none"],
  ["Syrian government forces captured five villages near a town that was the scene of a 2017 chemical weapons attack.", "Government regains territory"],
  ["A gas cylinder explosion at a restaurant killed three people.", "none"],
  ["Government troops dislodged the rebels from the hilltop town after a week of fighting.", "Government regains territory"],
  ["A mob looted shops and set fire to a warehouse in the market.", "Looting/property destruction"],
  ["Thousands of protesters marched in the capital against the killing of a teenager by police.", "Peaceful protest"],
];
for (const [text, want] of TYPES) {
  test(`event type: ${text.slice(0, 60)}`, () => assert.equal(primary(text)?.subEventType ?? "none", want));
}

// [text, modality of the first event]
const MODALITY: [string, string][] = [
  ["He said SDF fighters did not expect clashes with Syrian government forces.", "negated"],
  ["Talks between Russia and Iran in Astana are set to take place next week.", "planned"],
  ["There are fears of an eventual clash between the two sides.", "hypothetical"],
  ["The Syrian Observatory for Human Rights said SDF forces seized several hilltops.", "claimed"],
  ["The SDF shot down a Syrian government fighter plane.", "asserted"],
];
for (const [text, want] of MODALITY) {
  test(`modality: ${text.slice(0, 50)}`, () => assert.equal(extract(article(text)).events[0]?.modality, want));
}

test("actors, location, attribution and date of an event", () => {
  const e = primary("Isis fighters in Syria still hold the city, where government forces recaptured several villages near Homs on Saturday, pro-Damascus media reported.");
  assert.equal(e?.subEventType, "Government regains territory");
  assert.equal(e?.actor1, "syria-gov-forces");
  assert.match(e?.location?.text ?? "", /Homs/);
  assert.deepEqual([e?.attribution.name, e?.attribution.kind], ["pro-Damascus media", "partisan-media"]);
  assert.equal(e?.date.date, "2017-09-09");
  assert.equal(e?.date.precision, 1);
});

test("passive voice: actor1 follows 'by'", () => {
  const e = primary("Three soldiers were killed by Taliban fighters in Helmand.");
  assert.equal(e?.actor1, "taliban");
  assert.equal(e?.actor2, "afghanistan-gov-forces");
});

test("fatalities when stated", () => {
  assert.equal(primary("A car bomb exploded in Mogadishu, killing at least seven people.")?.fatalities, 7);
  assert.equal(primary("Twelve soldiers were killed in the ambush.")?.fatalities, 12);
  assert.equal(primary("Rebels ambushed a convoy near Goma.")?.fatalities, undefined);
});

test("exactly one primary event, and opposes relations from hostile events", () => {
  const d = extract(article("The SDF launched an offensive against Isis on Saturday. Isis fighters shelled SDF positions. Police arrested two men."));
  assert.equal(d.events.filter((e) => e.primary).length, 1);
  assert.ok(d.relations.some((r) => r.type === "opposes" && r.source === "sdf" && r.target === "isis"));
});

test("--explain adds the sentence and the reason", () => {
  const e = extract(article("The SDF launched an offensive against Isis on Saturday."), { explain: true }).events[0];
  assert.match(e.evidence[0].explain ?? "", /Armed clash scored .* in: The SDF launched/);
});

// [sentence, the relative place the event is at]: a place name inside a relative place is not the location
const RELATIVE_LOCATIONS: [string, RegExp][] = [
  ["The war in Syria goes on. The SDF launched an offensive against Isis along the border with Iraq on Saturday.", /^border with Iraq$/],
  ["SDF forces advanced against Isis in Deir Ezzor's northwestern countryside, seizing a village.", /^Deir Ezzor's northwestern countryside$/],
  ["Syrian troops recaptured an oilfield southwest of Deir Ezzor.", /oilfield southwest of Deir Ezzor$/],
];
for (const [text, want] of RELATIVE_LOCATIONS) {
  test(`location: ${text.slice(0, 60)}`, () => {
    const d = extract(article(text));
    const e = d.events.find((x) => x.primary);
    assert.match(e?.location?.text ?? "(none)", want);
    assert.ok(e?.placeId?.startsWith("rel:"), `the event links to the relative place, got ${e?.placeId}`);
  });
}

test("'since 2014' dates a state that began then, not the event", () => {
  const e = primary("Government forces reached the military airport on Saturday, where troops had been holed up since 2014.");
  assert.equal(e?.date.date, "2017-09-09");
  const f = primary("Government forces reached the military airport, where troops had been holed up since 2014.");
  assert.notEqual(f?.date.date.slice(0, 4), "2014", "the event is not dated 2014");
});
