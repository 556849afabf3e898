export default {
  menu: {
    moreBelow: '{n} more services below: tap here',
    moreAbove: '{n} more services above',
    noVoice: 'This kiosk has no English voice, so it cannot speak. Please read the screen, or ask at the guide desk.',
  },
};
