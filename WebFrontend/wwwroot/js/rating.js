// After the chat: the user rates it, 1–5 stars and an optional comment. The room keeps one rating per chat; it may be
// changed for a short while after the first one (the server says when it no longer can).
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
let roomId = null;

async function send(core, e) {
  e.preventDefault();
  const stars = document.querySelector('input[name=stars]:checked');
  if (!stars) {
    $('rating-result').textContent = 'Please choose 1 to 5 stars.';
    return;
  }
  try {
    const rating = await core.invoke('RateChat', roomId, Number(stars.value), $('rating-comment').value);
    $('rating-result').textContent = `Thank you! You rated this chat ${rating.stars} out of 5.`;
  } catch (error) {
    $('rating-result').textContent = api.errorMessage(error);
  }
}

/** Wires the rating form once; askForRating points it at an ended chat. */
export function setUpRating(core) {
  $('rating-form').addEventListener('submit', (e) => send(core, e));
}

/** Shows the form for the chat that just ended (cleared: a new chat starts unrated). */
export function askForRating(endedRoomId) {
  if (roomId === endedRoomId) return;
  roomId = endedRoomId;
  $('rating-form').reset();
  $('rating-result').textContent = '';
}
