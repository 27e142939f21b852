/**
 * The i-th answer the survey benchmark posts, shared by its warm-up (`surveys.bench.ts`) and its
 * load generator (`surveys-load.ts`) so the warm-up writes what the measured load writes: a third
 * with a comment (analysed by the engine), two fifths low (opening a follow-up), each from its own
 * client address (the per-IP limit runs as in production).
 */
export function surveyAnswer(i: number, address: string) {
  return {
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ score: 1 + (i % 5), comment: i % 3 ? undefined : "Helpful, thanks" }),
  };
}
