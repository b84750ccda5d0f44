// The shared contract between stages. Every folder may import from here.
export * from "./actor.js";
export * from "./annotations.js";
export * from "./article.js";
export * from "./doc.js";
export * from "./event.js";
export * from "./place.js";
export * from "./warnings.js";
