import {
  BoxGeometry,
  CylinderGeometry,
  Group,
  Mesh,
  MeshStandardMaterial,
  SphereGeometry,
  type BufferGeometry,
} from 'three';
import { sampleIndexAt, type PreparedObject } from '../../format/prepared-rollout';

function geometryFor(object: PreparedObject): BufferGeometry {
  const [a = 0.05, b = a, c = a] = object.size;
  switch (object.shape) {
    case 'box':
      return new BoxGeometry(a, b, c);
    case 'sphere':
      return new SphereGeometry(a, 24, 16);
    case 'cylinder':
      // three's cylinders stand on y; the format's stand on z (the robot's up).
      return new CylinderGeometry(a, a, b, 32).rotateX(Math.PI / 2);
  }
}

/** The scene's objects, each posed at the latest recorded pose at or before the shown time. */
export class ObjectsLayer extends Group {
  private readonly items: { object: PreparedObject; mesh: Mesh; shown: number }[];

  constructor(objects: PreparedObject[]) {
    super();
    this.name = 'objects';
    this.items = objects.map((object) => {
      const mesh = new Mesh(
        geometryFor(object),
        new MeshStandardMaterial({ color: object.color, roughness: 0.6 }),
      );
      mesh.name = `object:${object.id}`;
      this.add(mesh);
      return { object, mesh, shown: -1 };
    });
  }

  /** True when any object moved. */
  showTime(time: number): boolean {
    let changed = false;
    for (const item of this.items) {
      const i = sampleIndexAt(item.object.t, time);
      if (i === item.shown) continue;
      item.shown = i;
      item.mesh.position.fromArray(item.object.p, i * 3);
      item.mesh.quaternion.fromArray(item.object.r, i * 4);
      changed = true;
    }
    return changed;
  }

  override dispose(): void {
    for (const { mesh } of this.items) {
      mesh.geometry.dispose();
      (mesh.material as MeshStandardMaterial).dispose();
    }
    super.dispose();
  }
}
