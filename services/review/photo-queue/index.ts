/** The photo review queue (issue 6): photos the models sent to people, decided by REVIEWERs. */
export { decidePhoto, decidePhotoInput, PHOTO_DECISIONS, type PhotoDecision, type PhotoDecisionVerdict } from './decide-photo.ts';
export { getPhotoCase, type CasePhoto, type PhotoCase, type ReusePartner } from './get-photo-case.ts';
export { listPhotoQueue, photoQueueQuery, type PhotoQueue, type PhotoQueueQuery, type QueuedPhoto } from './list-photo-queue.ts';
export { photoReviewStats, type PhotoReviewStats } from './photo-review-stats.ts';
