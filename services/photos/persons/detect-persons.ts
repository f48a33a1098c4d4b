/**
 * Who and what is in the photo, from whichever model the registry has for persons: an office's
 * object detector (persons as bodies, and vehicles) when configured, else BlazeFace (persons
 * as faces). Null when no model is configured for persons: the finding is then not produced.
 */
import type { Box } from '../detect/box.ts';
import type { RgbImage } from '../image.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { detectFaces } from './blazeface.ts';
import { detectObjects } from './yolo.ts';

export interface PersonFinding {
  readonly confidence: number;
  readonly box: Box;
  /** A face (BlazeFace) or a whole body (an object detector). */
  readonly evidence: 'face' | 'body';
  readonly model: string;
}

export interface SceneObjects {
  readonly persons: PersonFinding[];
  /** Vehicles the object detector saw; null with a face detector, which sees none. */
  readonly vehicles: { readonly confidence: number; readonly box: Box }[] | null;
}

export async function detectPersons(registry: ModelRegistry, image: RgbImage): Promise<SceneObjects | null> {
  const manifest = registry.forPurpose('persons');
  if (manifest === null) return null;
  if (manifest.task === 'object-detection' && manifest.detection) {
    const { personLabels, vehicleLabels } = manifest.detection;
    const found = await detectObjects(registry, manifest, image);
    return {
      persons: found.filter((d) => personLabels.includes(d.label)).map((d) => ({ confidence: d.confidence, box: d.box, evidence: 'body', model: manifest.id })),
      vehicles: found.filter((d) => vehicleLabels.includes(d.label)).map((d) => ({ confidence: d.confidence, box: d.box })),
    };
  }
  const faces = await detectFaces(registry, manifest, image);
  return { persons: faces.map((d) => ({ confidence: d.confidence, box: d.box, evidence: 'face', model: manifest.id })), vehicles: null };
}
