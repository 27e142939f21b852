import { describe } from "vitest";
import { describeSignalCases, type SignalCase } from "./signal-cases.ts";

/** Agent-side signals: [signal, role, texts that must flag it, tricky texts that must not]. */
const CASES: SignalCase[] = [
  [
    "greeting",
    "agent",
    [
      "Hi, my name is Sam",
      "Good morning and welcome to Acme",
      "Thank you for contacting us, how can I help?",
    ],
    [
      "The order ships Monday",
      "Please confirm the address",
      "The parcel left. Hi-vis vests are in stock.",
    ],
  ],
  [
    "apology",
    "agent",
    [
      "I'm sorry that your parcel was late",
      "I apologise for the delay",
      "My apologies for the confusion",
      "That was our mistake",
    ],
    ["Sorry, that's our policy", "Sorry but we can't do that", "Sorry you feel that way", "sorry"],
  ],
  [
    "blame_shifting",
    "agent",
    [
      "That's the other department",
      "You should have read the terms",
      "It's the courier's fault",
      "You'll need to speak to your bank about that.",
      "That's not my department",
    ],
    [
      "I've asked the other team to call you",
      "Let me check with billing",
      "If you didn't receive the product, we refund it",
    ],
  ],
  [
    "empathy",
    "agent",
    [
      "I understand how frustrating that must be",
      "I'm so sorry to hear that",
      "That sounds really stressful",
      "I completely understand",
    ],
    ["Your order number is 123", "I've sent the form"],
  ],
  [
    "courtesy",
    "agent",
    [
      "Thank you for waiting",
      "Could you please confirm your email?",
      "You're welcome!",
      "My pleasure",
    ],
    ["Send the form.", "Confirm your email."],
  ],
  [
    "policy_framing",
    "agent",
    [
      "That's our policy",
      "Per our policy we cannot refund",
      "Rules are rules",
      "I'm not allowed to change it",
    ],
    [
      "Our policy is to verify your identity because it protects your account",
      "It's policy so that nobody else can access your data",
      "Your policy number is 12",
    ],
  ],
  [
    "negative_framing",
    "agent",
    [
      "I can't refund that.",
      "We don't offer that service.",
      "That's not possible.",
      "We won't be able to help.",
      "Unfortunately I can't change the delivery date once dispatched.",
    ],
    [
      "I can't thank you enough",
      "I can't refund that, but I can offer you a voucher",
      "If you cannot find it, please call us",
      "That isn't possible today; however, I can book it for Monday",
      "You won't be charged twice",
    ],
  ],
  [
    "jargon",
    "agent",
    [
      "Your ticket is in the T2 queue pending provisioning",
      "The DNS propagation takes time",
      "We raised an RMA for the ONT",
    ],
    [
      "I'll send you a new router",
      "Your PIN is on the letter",
      "THANK YOU SO MUCH FOR WAITING",
      "Your order ID is on the receipt",
      "Call XXX-XXX-XXXX",
      "Clear your browser cache",
    ],
  ],
  [
    "scripted_reply",
    "agent",
    [
      "We apologise for any inconvenience caused. Your call is important to us. Please be advised that we are experiencing a high volume of calls.",
      "Your order {{Order Number}} has been shipped.",
      "Thank you for your patience and understanding. Rest assured we value your feedback.",
    ],
    [
      "I've refunded the £12.40 to your Visa ending 1234 just now, you should see it by Friday.",
      "Have a great day!",
    ],
  ],
  [
    "unprofessional",
    "agent",
    [
      "lol dude that's wild",
      "ur gonna love it",
      "Ugh, my weekend was rough",
      "Whatever, calm down",
    ],
    [
      "I'll send it whatever time suits you",
      "Thank you for your patience",
      "Hello! How can I help?",
    ],
  ],
  [
    "promise",
    "agent",
    [
      "We'll call you back within 24 hours",
      "I'll send the replacement by Friday",
      "You'll receive a refund in 3-5 business days",
      "I promise this will be sorted",
    ],
    [
      "I'll need you to confirm your address",
      "Will you be home on Monday?",
      "We'll see",
      "Click Orders and you will see a Cancel button",
    ],
  ],
  [
    "offer",
    "agent",
    [
      "As a goodwill gesture I've applied a £20 credit",
      "I can offer you a free upgrade",
      "I'd like to offer you a 20% discount",
      "I've waived the late fee",
    ],
    [
      "You're not eligible for a refund",
      "Feel free to contact us",
      "Our toll free number is below",
      "We accept credit cards and PayPal",
      "I can provide you with information",
    ],
  ],
  [
    "resolution_check",
    "agent",
    [
      "Has that solved it?",
      "Is there anything else I can help with?",
      "Does that answer your question?",
      "Is everything working now?",
    ],
    ["I've solved it", "Let me check the order"],
  ],
  [
    "closing",
    "agent",
    ["Have a great day!", "Thanks for contacting Acme, goodbye", "Take care", "Kind regards, Sam"],
    [
      "Good day to you too? No — the parcel is late",
      "I'll close the window later",
      "Thank you for reaching out. Let me check that order.",
      "I'll take care of it",
    ],
  ],
];

describe("detectSignals for agents", () => {
  describeSignalCases(CASES);
});
