// Replaced by the PGlite template builder once the database layer lands.
export default function setup(): void {}
