export default {
  nearby: { text: 'Nearby, {hall} serves this in about {n} min: you may go there instead.' },
};
