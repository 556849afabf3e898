export default {
  checkin: {
    byCode: 'Booking code',
    byPhone: 'Phone + last 4 digits',
    codeHint: 'Your booking code has 10 digits: it is on the booking page and in the text message',
    phoneHint: 'Enter the phone number you booked with, then the last 4 digits of your booking code',
    phone: 'Phone number',
    suffix: 'Last 4 digits of the code',
    phonePlaceholder: 'Your phone number',
    suffixPlaceholder: 'Last 4 digits',
    mistyped: 'This code has a typo: please check it digit by digit',
    badPhone: 'A phone number has 11 digits and starts with 1',
    oldCode: 'An older code with letters? Tap “ABC”',
    voicePhone: 'Please enter the phone number you booked with, then the last four digits of your booking code.',
  },
  kiosk: {
    errors: {
      APPOINTMENT_CODE_MISTYPED: { title: 'This code has a typo', body: 'The last digit of this booking code does not check out. Please compare it with your text message and type it again.' },
      TOO_MANY_ATTEMPTS: { title: 'Too many tries', body: 'Please try again a little later, or check in at the guide desk with your booking message.' },
    },
  },
};
