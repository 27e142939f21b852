import { describe, expect, it } from "vitest";
import { clusterTopics, createTopicAssigner } from "../analysis/topics/index.ts";
import { averageWordVector } from "../analysis/topics/word-vectors.ts";
import { loadWordVectors } from "./word-vectors.ts";

function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    ab += x * b[i]!;
    aa += x * x;
    bb += b[i]! ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

describe("shipped word vectors", () => {
  const vectors = loadWordVectors();

  it("load from the repository and place related words near each other", () => {
    expect(vectors.index.size).toBe(30_000);
    expect(vectors.dims).toBe(100);
    const [money, cash, password] = ["money", "cash", "password"].map((w) =>
      averageWordVector(w, vectors)!,
    );
    expect(cosine(money!, cash!)).toBeGreaterThan(cosine(money!, password!) + 0.3);
  });

  // At the default weight (0.25) eight texts sharing no word are still split by their LSA part
  // (each text its own direction); a heavier vector part groups them.
  it("group phrasings that share no word when the vector part weighs 0.75", () => {
    const texts = [
      ...["refund my payment", "reimburse the money", "cash back", "repay the fee"],
      ...["forgot password", "cannot log in", "username locked", "sign in fails"],
    ];
    const fit = clusterTopics(texts, { k: 2, wordVectors: vectors, vectorWeight: 0.75 });
    expect(fit.assignments.slice(0, 4)).toEqual([0, 0, 0, 0].map(() => fit.assignments[0]));
    expect(fit.assignments.slice(4)).toEqual([0, 0, 0, 0].map(() => fit.assignments[4]));
    expect(fit.assignments[0]).not.toBe(fit.assignments[4]);
  });

  it("give a new phrasing that shares no term with the fit a reason through its words", () => {
    const reasons = {
      refund: ["I want a refund for my order", "refund for the returned order not paid"],
      password: ["I cannot reset my password", "password reset link expired"],
      delivery: ["my parcel delivery is late", "delivery of the parcel never came"],
    };
    const texts = Object.values(reasons).flatMap((p) =>
      Array.from({ length: 20 }, (_, i) => p[i % 2]!),
    );
    const fit = clusterTopics(texts, { k: 3, wordVectors: vectors });
    const topicOf = (r: keyof typeof reasons) => fit.assignments[texts.indexOf(reasons[r][0]!)];
    const assign = createTopicAssigner(fit.model, vectors);
    expect(assign("reimburse me the money")).toBe(topicOf("refund"));
    expect(assign("courier lost the package")).toBe(topicOf("delivery"));
    // Without the vectors the same message shares no term with the model.
    expect(createTopicAssigner(fit.model)("reimburse me the money")).toBe(-1);
  });

  it("leave a model fitted without them assigning as before", () => {
    const texts = ["card not arrived", "where is my card", "refund please", "want my refund back"];
    const fit = clusterTopics(texts, { k: 2 });
    expect(fit.model.vectors).toBeUndefined();
    const plain = createTopicAssigner(fit.model);
    const withVectors = createTopicAssigner(fit.model, vectors);
    for (const t of texts) expect(withVectors(t)).toBe(plain(t));
  });
});
