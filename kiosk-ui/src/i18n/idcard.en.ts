// Real-name tickets at the kiosk: the ID-card step and its refusals.
export default {
  idcard: {
    heading: 'Place your ID card',
    required: '{service}: a real-name ticket, with your ID card',
    optional: '{service}: your ID card may be used for the ticket',
    place: 'Lay your own resident ID card flat on the reader',
    waiting: 'Waiting for the card…',
    read: 'Card read',
    holder: 'Card holder',
    idNumber: 'ID number',
    confirm: 'Take the ticket in this name',
    again: 'Not me: read again',
    skip: 'Take a ticket without the card',
    noCard: 'No ID card with you? Please go to the guide desk.',
    privacy: 'The ID number only confirms who you are; it is never shown on screen.',
    issuedFor: 'In the name of {name}',
    voice: {
      place: 'Please place your ID card on the reader.',
      read: 'Your card has been read. Please confirm to take your ticket.',
    },
    errors: {
      REAL_NAME_REQUIRED: { title: 'This service needs your ID card', body: 'Place your own ID card on the reader first. Without it, please go to the guide desk.' },
      ONE_TICKET_PER_PERSON: { title: 'You already have a ticket for this today', body: 'One ticket per person per service each day. Watch the screens for your number; the guide desk can help.' },
      ID_CARD_EXPIRED: { title: 'The card read has run out', body: 'Too much time passed after reading. Please place your card on the reader again.' },
      ID_CARD_UNREADABLE: { title: 'The card could not be read', body: 'Lay the card flat on the reader and keep it still, then try again. If it still fails, please go to the guide desk.' },
      READER_OFFLINE: { title: 'The card reader is not working', body: 'Please go to the guide desk: the staff will give you a real-name ticket.' },
    },
  },
};
